/* pii/person: person names with UniDic (through text_analyze() of text/).
 *
 * UniDic tags surnames and given names (名詞,固有名詞,人名,姓/名/一般), but a
 * tag alone is weak evidence (原, 関, 東 are also common words or places),
 * and MeCab with UniDic runs at a few MB/s, far below the guard's budget. So
 * the folded text is first searched for cues: honorifics and titles after a
 * name (様, さん, 氏, 課長, 委員...), labels before one (氏名, 申請者, 担当,
 * 出席者...), "Xです" and signatures at the end of a line. Only windows
 * around cues are tagged, and a name is reported when its tokens and the cue
 * agree (rules in accept_chunk()).
 *
 * Thread-safety: each scanner owns its scratch state and its tokenizer.
 */
#include <assert.h>
#include <pthread.h>

#include "pii_int.h"
#include "core/banned.h"

#define PERSON_BACK 24     /* code points tagged before an honorific cue */
#define PERSON_AFTER 20    /* code points tagged after a label cue */
#define PERSON_REPORT_BACK 8 /* code points tagged before a report cue (から電話) */
#define PERSON_TOKENS_MAX 512
/* MeCab tags at most about this many times the input (plus a constant)
 * before windows stop overlapping; see add_window(). */
#define PERSON_BUDGET_FACTOR 2
#define PERSON_BUDGET_MIN 4096

/* Scratch state of one scanner. */
struct pii__person {
	/* a window [s, e); cut != 0: if tagging it finds no name, tag [s, cut)
	 * as well (the same window without its honorific) */
	struct window {
		size_t s, e, cut;
		/* the morphemes of [s, e) and of [s, cut) in morphs */
		struct text_morph_range mw, mc;
	} *win;
	size_t nwin, capwin;
	size_t spent, budget; /* code points in windows, and the allowance */
	struct text_morphs morphs;
	/* tag_windows(): the windows by start, and one start's prefixes */
	size_t *order, *ends;
	struct text_morph_range *ranges;
	size_t capscratch;
#if defined(__SANITIZE_ADDRESS__)
	int visit; /* find_windows(): the position would be visited (checked) */
#endif
};

struct pii__person *pii__person_new(void)
{
	return yk_xcalloc(1, sizeof(struct pii__person));
}

void pii__person_free(struct pii__person *p)
{
	if (!p)
		return;
	free(p->win);
	free(p->order);
	free(p->ends);
	free(p->ranges);
	text_morphs_release(&p->morphs);
	free(p);
}

/* ---- cues ----------------------------------------------------------------- */

/* After a name. Strong honorifics can follow any proper noun; titles too. */
static const char *const honorifics[] = {
	"様方", "様", "さま", "さん", "氏", "君", "くん", "ちゃん", "殿", "先生", "と申します",
	NULL,
};
static const char *const titles[] = {
	"副市長", "市長", "課長補佐", "課長", "部長", "係長", "主査", "主任", "主事", "主幹",
	"参事", "委員長", "委員", "議員", "議長", "保健師", "副理事長", "理事長", "理事", "会長", "所長", "室長",
	"局長", "次長", "教諭", "校長", "園長", "医師", "社長", "技師",
	/* the heads of a workplace, as 社長 (受入れ企業の齋藤工場長に報告;
	 * batches 418-421) */
	"工場長", "店長", "館長", "院長",
	/* a company's officers, a co-op's head, a hotel's manager and a
	 * site's supervisor (亀山専務へ, 浜本組合長から, 仲程支配人に,
	 * Thompson監督; session 22's read files) */
	"専務", "常務", "副組合長", "組合長", "支配人", "監督",
	/* a hamlet's head and a squad's (佐々木区長：, 尾上班長に; batches
	 * 546-553) */
	"区長", "班長",
	/* a fire brigade's ranks (中切副分団長：, 江馬団長：, 森隊長から,
	 * 下屋団員が; batches 562-577), not 方面隊長: a 方面隊 is named after
	 * its district (古川方面隊長) */
	"副分団長", "分団長", "副団長", "団長", "副隊長", "隊長", "団員",
	/* a deputy called by the rank alone (杉本補佐→前川係長) */
	"補佐",
	/* a committee's witnesses (○及川参考人（株式会社…）; session 25's
	 * read files) */
	"参考人", "公述人", NULL,
};
/* After a bare name in a memo (吉村から電話あり, 小野寺宛, 斉藤宅): weaker
 * than an honorific, so only words UniDic tags as names qualify. */
static const char *const report_cues[] = {
	"から電話", "より電話", "からの電話", "から連絡", "より連絡", "から相談", "より相談",
	"宛て", "宛", "宅", "が記入",
	/* a visit or a request reported in a memo (望月が来庁し, 北村から申出) */
	"が来庁", "が来所", "が来訪", "が窓口", "から申出", "から申し出", "より申出",
	"から問い合わせ", "から問合せ", "からの相談", "からの連絡", "からの電話", "から苦情",
	"から届出", "が提出", "が申請", "が届出", "の件", NULL,
};
/* Before a name. */
static const char *const labels[] = {
	"氏名", "名前", "申請者", "担当者", "担当CW", "担当SW", "担当", "作成者", "記入者", "記入", "記録者", "報告者", "起案者", "届出人", "代表者", "世帯主",
	"保護者", "出席者", "欠席者", "差出人", "児童", "納税義務者", "相談者", "通訳", "宛名",
	"受取人", "名義人", "名義", "依頼人", "申出人", "契約者", "委員長の", "長女の", "長男の", "次女の",
	"次男の", "妻の", "夫の", "送付先", "転入者", "転出者", "旧姓", "緊急連絡先",
	"外国人住民", "国籍の",
	/* roles and relations on forms and in case records (世帯員 浅野 キミ子,
	 * 相続人代表 岡田 正和様, 協力員 坂井 勝利, 立会いは妻 石井 ヨシ子) */
	"世帯員", "同居人", "死亡者", "被相続人", "相続人代表", "相続人", "滞納者", "対象児童",
	"利用者", "協力員", "認定調査員", "調査員", "ケアマネジャー", "ケアマネージャー", "相談員",
	"対応者", "請求者", "扶養親族", "代理人", "委任者", "受給者", "被保険者", "留学生", "署名",
	"保健師", "申出者", "来庁者", "記載者", "父親", "母親", "通報者", "被害者", "加害者",
	"受任者", "後見人", "立会人", "同行者", "参加者", "回答者", "講師",
	/* a sports event's entry (選手：対馬 凛: the learned model alone found
	 * it, and a retrain on 530-537's read half lost it; session 16) */
	"選手",
	/* sixth round; the siblings since batches 426-429 (兄の蓮は部活) */
	"通称名", "母の", "父の", "娘の", "息子の", "兄の", "姉の", "弟の", "妹の",
	/* interview and case roles written without an honorific (面接員：長谷川,
	 * 同席者 水谷; eleventh round; 担当CW 西川 above, before 担当, which
	 * would match first) */
	"面接員", "面接者", "面談者", "同席者", "同席", "立会者", "聴取者", "地区担当",
	/* fifteenth round (a): a company's representative on a register, and
	 * the deceased and the partners of an estate's or a household's papers
	 * (代表社員：新里 光, 亡父吉川 勇, 内縁の夫 崎山) */
	"代表社員", "代表取締役", "亡父", "亡母", "亡夫", "亡妻", "内縁の夫", "内縁の妻", NULL,
};
/* Roles in minutes and relations on forms, a name only when a space or ':'
 * follows and the word stands alone before it (司会 長谷川、記録 森本、
 * 出席：中谷、父 森 大輔, 子 LIU HAORAN), since they are common words or
 * parts of words too. */
static const char *const role_labels[] = {
	"司会", "記録", "説明", "進行", "書記", "出席", "欠席", "決裁", "回覧", "通称", "本名",
	"旧氏", "子", "父", "母", "妻", "夫", "兄", "姉", "弟", "妹", "孫", "長女", "長男", "次女",
	"次男", "二男", "二女", "三女", "三男", "祖父", "祖母", "義父", "義母", "From",
	/* twelfth round (a): in-laws and a newborn on a visit's record (嫁 刘
	 * 芳, 児 蒼くん) and a crew's roles on an ambulance or fire record
	 * (隊長 前田 隊員 浦川・吉永) */
	"嫁", "婿", "児", "隊長", "隊員", "機関員", "副隊長",
	/* an emergency contact's uncle or aunt (叔父 ノーリ・ジャワド;
	 * thirty-second set, batches 414-417) */
	"叔父", "叔母", "伯父", "伯母",
	/* who handled a visit, in a record's heading (（12/2 14:10～
	 * 対応：池田）; batches 562-577) */
	"対応",
	/* a mail's copy line (CC：片山; batches 562-577), as From */
	"CC", "Cc", NULL,
};
/* Weak labels: a tagged name may follow (市民課の堀内です), but not any
 * proper noun (福祉課の東京出張). */
static const char *const weak_labels[] = {
	"課の", "係の", "室の", "職員の", "受付者", "申込者の", "申込者", NULL,
};
/* Fields whose value is a thing, never a person (車種：トヨタ シエンタ). */
static const char *const thing_labels[] = {"車種", "車名", "型式", "機種", "メーカー", "品名", NULL};
/* A land register's category field (地目 林 山林, 地目：宅地): its value is
 * a kind of land, after a colon or a space alone. */
static const char *const land_labels[] = {"地目", NULL};

int pii__thing_value_at(const struct pii__text *t, size_t s)
{
	size_t q = s > 0 && t->cp[s - 1] == ' ' ? s - 1 : s;
	if (q >= 2 && q < s && pii__ends_with(t, q - 2, q, land_labels))
		return 1;
	return q >= 3 && t->cp[q - 1] == ':' &&
	       pii__ends_with(t, q - 1 > 6 ? q - 7 : 0, q - 1, thing_labels) != 0;
}
/* Kinship and role words that take さん/様 but are not names. */
static const char *const not_names[] = {
	/* 上様: a receipt made out to no one by name (blind batches
	 * 1200-1215) */
	"上",
	"皆", "客", "お客", "担当者", "利用者", "相談者", "保護者", "奥", "娘", "息子", "お子",
	"子", "兄", "姉", "父", "母", "神", "皆さん", "ご本人", "本人", "患者", "住民", "職員",
	"市民", "業者", "事業者", "先方", "相手", "ご家族", "家族", "お嬢", "坊", "王",
	"医者", "学生", "大工", "店員", "先輩", "後輩", "上司", "部下", "同僚", "友人", "友達",
	"隣", "近所", "大家", "家主", "親", "孫", "嫁", "婿", "祖父", "祖母", "叔父", "叔母",
	"伯父", "伯母", "主人", "旦那", "奥様", "皆様", "各位", "方", "人", "者", "弟", "妹",
	"夫", "妻", "長男", "長女", "次男", "二男", "二女", "次女", "子供", "子ども", "赤ちゃん", "生徒", "児童",
	"園児", "選手", "監督", "仏", "殿", "赤", "妊婦", "酒屋", "企業",
	/* a town hall as residents address it, an inn's staff (市役所さん,
	 * 仲居さん; batches 806-821) */
	"役所", "市役所", "役場", "仲居", "女将", "板前",
	/* 多様, 同様, 模様...: one kanji that makes a word with 様; 有 (届出印 有) */
	"多", "同", "模", "仕", "異", "一", "有", "左",
	/* a note after a label (通訳 要, 手続 済; batches 194-201) */
	"要", "済", "不要",
	/* compounds with a title: 民生委員, 教育長 */
	"民生", "学校", "教育", "選挙", "農業", "人権", "主任", "議会", "貴方", "あなた", "彼", "彼女", "自分", "誰", "様",
	/* era names, which UniDic may tag as given names */
	"令和", "平成", "昭和", "大正", "明治",
	NULL,
};

/* The kanji before 宅 in 住宅, 自宅, 帰宅, 在宅, 社宅, 居宅, 別宅, 邸宅. */
static int is_house_word(uint32_t c)
{
	return c == 0x4F4F || c == 0x81EA || c == 0x5E30 || c == 0x5728 || c == 0x793E ||
	       c == 0x5C45 || c == 0x5225 || c == 0x90B8;
}

static size_t match_any(const struct pii__text *t, size_t i, const char *const *words)
{
	return pii__match_any(t, i, words);
}

/* Windows are bounded by the input: at most two per code point. */
static void add_window(struct pii__person *tg, const struct pii__text *t, size_t s, size_t e,
		       size_t cut)
{
	if (e > t->n)
		e = t->n;
	if (s >= e)
		return;
	/* Windows are tagged one by one, not merged: a window that ends right
	 * before its cue forces a token boundary there (橋本|部長, not 橋|本部|長). */
	if (tg->nwin && s == tg->win[tg->nwin - 1].s && e == tg->win[tg->nwin - 1].e) {
		if (cut > s && cut < e)
			tg->win[tg->nwin - 1].cut = cut;
		return;
	}
	/* Windows may overlap (a title window must end at its title even when
	 * a label window covers it), but only within a budget: past it, text
	 * already tagged is not tagged again and a window starts where the
	 * previous one ended. This bounds MeCab's work by a few times the input
	 * length even when every other character is a cue (様様様...). */
	if (tg->nwin && s < tg->win[tg->nwin - 1].e && tg->spent > tg->budget) {
		s = tg->win[tg->nwin - 1].e;
		if (s >= e || (cut && cut <= s))
			return;
	}
	if (tg->nwin == tg->capwin) {
		tg->capwin = tg->capwin ? tg->capwin * 2 : 16;
		tg->win = yk_xrealloc(tg->win, tg->capwin * sizeof(*tg->win));
	}
#if defined(__SANITIZE_ADDRESS__)
	assert(tg->visit); /* find_windows() skips no position that adds a window */
#endif
	tg->win[tg->nwin].s = s;
	tg->win[tg->nwin].e = e;
	tg->win[tg->nwin].cut = cut > s && cut < e ? cut : 0;
	tg->nwin++;
	tg->spent += e - s;
}

static size_t fwd_end(const struct pii__text *t, size_t pos, size_t fwd)
{
	size_t e = pos + fwd < t->n ? pos + fwd : t->n;
	for (size_t k = pos; k < e; k++)
		if (pii__is_boundary(t->cp[k]))
			return k;
	return e;
}

static int is_space_or_boundary(uint32_t c)
{
	return c == ' ' || pii__is_boundary(c) || c == 0x3001 /* 、 */ || c == ':' || c == 0x300D ||
	       c == '(' || c == ')';
}

/* First code points of every cue, so that most positions are skipped
 * with one comparison. */
static int cue_first(uint32_t c)
{
	switch (c) {
	case 0x69D8: /* 様 */ case 0x3055: /* さ */ case 0x6C0F: /* 氏 */ case 0x541B: /* 君 */
	case 0x304F: /* く */ case 0x3061: /* ち */ case 0x6BBF: /* 殿 */ case 0x5148: /* 先 */
	case 0x526F: /* 副 */ case 0x5E02: /* 市 */ case 0x8AB2: /* 課 */ case 0x90E8: /* 部 */
	case 0x4FC2: /* 係 */ case 0x4E3B: /* 主 */ case 0x53C2: /* 参 */ case 0x59D4: /* 委 */
	case 0x8B70: /* 議 */ case 0x4FDD: /* 保 */ case 0x7406: /* 理 */ case 0x4F1A: /* 会 */
	case 0x6240: /* 所 */ case 0x5BA4: /* 室 */ case 0x5C40: /* 局 */ case 0x6B21: /* 次 */
	case 0x6559: /* 教 */ case 0x6821: /* 校 */ case 0x5712: /* 園 */ case 0x533B: /* 医 */
	case 0x793E: /* 社 */ case 0x6280: /* 技 */ case 0x5B85: /* 宅 */ case 0x3067: /* で */
	case 0x3068: /* と(申します) */
	case 0x5DE5: /* 工(場長) */ case 0x5E97: /* 店(長) */ case 0x9928: /* 館(長) */
	case 0x9662: /* 院(長) */
		return 1;
	default:
		return 0;
	}
}
/* The first two code points of every label (a one-character role label
 * with the ' ' or ':' that must follow it), hashed into a bitmap, so that
 * most positions are skipped with one look-up; built once from the lists
 * above. A hash collision only costs the full comparison. */
#define LABEL_PAIR_BITS (1u << 16)
static uint8_t label_pair_map[LABEL_PAIR_BITS / 8];
static pthread_once_t label_pair_once = PTHREAD_ONCE_INIT;

static uint32_t pair_hash(uint32_t a, uint32_t b)
{
	return (a * 2654435761u ^ b * 40503u) >> 16 & (LABEL_PAIR_BITS - 1);
}

static void pair_set(uint32_t a, uint32_t b)
{
	uint32_t h = pair_hash(a, b);
	label_pair_map[h / 8] |= (uint8_t)(1u << (h % 8));
}

static void label_pair_add(const char *const *words)
{
	for (size_t k = 0; words[k]; k++) {
		uint32_t a, b = 0;
		size_t l = strlen(words[k]);
		size_t n = yk_utf8_decode(words[k], l, &a);
		a = text_fold_cp(a);
		if (n < l) {
			yk_utf8_decode(words[k] + n, l - n, &b);
			pair_set(a, text_fold_cp(b));
		} else {
			pair_set(a, ' ');
			pair_set(a, ':');
		}
	}
}

/* The code points of the BMP at which find_windows() may do anything
 * besides the line's first and last positions: the separators and brackets
 * it looks at, the first code point of every cue and label, and the report
 * cues' first code points. Elsewhere (most of a text) it skips with one bit
 * test, with the same windows as testing every branch. Code points beyond
 * the BMP always take the full path. Built with label_pair_map. */
static uint8_t window_cue_map[0x10000 / 8];

static void window_cue_set(uint32_t c)
{
	if (c < 0x10000)
		window_cue_map[c / 8] |= (uint8_t)(1u << (c % 8));
}

static void window_cue_add(const char *const *words)
{
	for (size_t k = 0; words[k]; k++) {
		uint32_t a;
		yk_utf8_decode(words[k], strlen(words[k]), &a);
		window_cue_set(a);
		window_cue_set(text_fold_cp(a));
	}
}

static int window_cue(uint32_t c)
{
	return c >= 0x10000 || (window_cue_map[c / 8] >> (c % 8) & 1);
}

/* The first code points of what cue_after() looks for (honorifics, titles,
 * report cues, a bracket): elsewhere it answers 0 with one bit test. */
static uint8_t after_cue_map[0x10000 / 8];

static void after_cue_add(const char *const *words)
{
	for (size_t k = 0; words[k]; k++) {
		uint32_t a;
		yk_utf8_decode(words[k], strlen(words[k]), &a);
		if (a < 0x10000)
			after_cue_map[a / 8] |= (uint8_t)(1u << (a % 8));
	}
}

static int after_cue(uint32_t c)
{
	return c >= 0x10000 || (after_cue_map[c / 8] >> (c % 8) & 1);
}

/* The same for the report cues (から電話, が来庁...; 宛 and 宅 stand alone). */
static uint8_t report_pair_map[LABEL_PAIR_BITS / 8];

static void report_pair_build(void)
{
	for (size_t k = 0; report_cues[k]; k++) {
		uint32_t a, b;
		size_t l = strlen(report_cues[k]);
		size_t n = yk_utf8_decode(report_cues[k], l, &a);
		if (n == l)
			continue; /* one code point: tested without the map */
		yk_utf8_decode(report_cues[k] + n, l - n, &b);
		uint32_t h = pair_hash(a, b);
		report_pair_map[h / 8] |= (uint8_t)(1u << (h % 8));
	}
}

static int report_pair(const struct pii__text *t, size_t i)
{
	if (i + 1 >= t->n)
		return 0;
	uint32_t h = pair_hash(t->cp[i], t->cp[i + 1]);
	return report_pair_map[h / 8] >> (h % 8) & 1;
}

static void visit_build(void);
static void zh_map_build(void);

static void label_pair_build(void)
{
	report_pair_build();
	label_pair_add(labels);
	label_pair_add(role_labels);
	label_pair_add(weak_labels);
	label_pair_add(titles);
	pair_set(0x7C4D, 0x306E); /* 籍の */
	zh_map_build();
	/* every code point find_windows() tests before its cues */
	static const uint32_t marks[] = {
		' ', ',', '\t', '\n', 0x2192 /* → */, '(', 0x304B /* か */, 0x3088 /* よ */,
		0x304C /* が */, 0x306E /* の */, 0x5B9B /* 宛 */, 0x5B85 /* 宅 */, 0x7C4D /* 籍 */,
	};
	for (size_t k = 0; k < YK_ARRAY_LEN(marks); k++)
		window_cue_set(marks[k]);
	window_cue_add(honorifics); /* with titles and です: cue_first() */
	window_cue_set(0x3067 /* で */);
	window_cue_add(labels);
	window_cue_add(role_labels);
	window_cue_add(weak_labels);
	window_cue_add(titles);
	after_cue_add(honorifics);
	after_cue_add(titles);
	after_cue_add(report_cues);
	after_cue_map['(' / 8] |= (uint8_t)(1u << ('(' % 8));
	visit_build();
}

/* Where find_windows() must stop among the code points window_cue()
 * lets through: the code points that act alone (a separator, a bracket,
 * 宛 and 宅, an honorific of one code point) and the first two code points
 * of every cue and label of two or more (label_pair()'s pairs, a report
 * cue's, an honorific's or a title's, です). Elsewhere no branch of
 * find_windows() can add a window (sanitizer builds check it). */
static uint8_t visit_single_map[0x10000 / 8];
static uint8_t visit_pair_map[LABEL_PAIR_BITS / 8];

static void visit_single(uint32_t c)
{
	c = text_fold_cp(c);
	visit_single_map[c / 8] |= (uint8_t)(1u << (c % 8));
}

static void visit_pair(uint32_t a, uint32_t b)
{
	uint32_t h = pair_hash(text_fold_cp(a), text_fold_cp(b));
	visit_pair_map[h / 8] |= (uint8_t)(1u << (h % 8));
}

/* Every word of a list: a pair of its first two code points, or its one
 * code point alone (any_next) or before ' ' or ':' (a role label). */
static void visit_add(const char *const *words, int any_next)
{
	for (size_t k = 0; words[k]; k++) {
		uint32_t a, b;
		size_t n = pii__kw_decode((const unsigned char *)words[k], &a);
		if (words[k][n]) {
			pii__kw_decode((const unsigned char *)words[k] + n, &b);
			visit_pair(a, b);
		} else if (any_next) {
			visit_single(a);
		} else {
			visit_pair(a, ' ');
			visit_pair(a, ':');
		}
	}
}

static void visit_build(void)
{
	static const uint32_t marks[] = {' ', ',', '\t', '\n', 0x2192 /* → */, '('};
	for (size_t k = 0; k < YK_ARRAY_LEN(marks); k++)
		visit_single(marks[k]);
	visit_add(labels, 0);
	visit_add(role_labels, 0);
	visit_add(weak_labels, 0);
	visit_add(titles, 0); /* as labels; as titles all have two code points */
	visit_add(titles, 1);
	visit_add(honorifics, 1);
	visit_add(report_cues, 1);
	visit_pair(0x7C4D, 0x306E); /* 籍の */
	visit_pair(0x3067, 0x3059); /* です */
}

static int visit_at(const struct pii__text *t, size_t i)
{
	uint32_t c = t->cp[i];
	if (c >= 0x10000 || (visit_single_map[c / 8] >> (c % 8) & 1))
		return 1;
	if (i + 1 >= t->n)
		return 0;
	uint32_t h = pair_hash(c, t->cp[i + 1]);
	return visit_pair_map[h / 8] >> (h % 8) & 1;
}

/* The map is built by pii__detect_person() before any label_pair() (once
 * per scan, not at every code point). */
static int label_pair(const struct pii__text *t, size_t i)
{
	if (i + 1 >= t->n)
		return 0;
	uint32_t h = pair_hash(t->cp[i], t->cp[i + 1]);
	return label_pair_map[h / 8] >> (h % 8) & 1;
}

/* A label used as a field: followed by ':' or a space, or ending in の;
 * a title followed by の introduces a name too (市長の緑川 一郎). */
static int word_is(const struct pii__text *t, size_t i, size_t e, const char *const *words);

static size_t field_label_at(const struct pii__text *t, size_t i)
{
	size_t m = match_any(t, i, role_labels);
	/* (or a comma cell's start before a name in Latin letters: …,9:00-12:00,
	 * 父 Yusuf Omar 070-…; batches 458-461) */
	if (m && i + m < t->n && (t->cp[i + m] == ':' || t->cp[i + m] == ' ') &&
	    (i == 0 || is_space_or_boundary(t->cp[i - 1]) || t->cp[i - 1] == 0x306F /* は */ ||
	     t->cp[i - 1] == 0x3011 /* 】 */ ||
	     (t->cp[i - 1] == ',' && i + m + 1 < t->n && pii__is_latin_upper(t->cp[i + m + 1]))))
		return m;
	/* 韓国籍の, ベトナム籍の */
	if (pii__match(t, i, "籍の") && i > 0 && (pii__is_kata(t->cp[i - 1]) || t->cp[i - 1] == 0x56FD))
		return 2;
	m = match_any(t, i, labels);
	/* the label's name field (児童名 ほのか, 保護者名：…, 申請者名 …): the
	 * role with 名 before the separator (not 名義, 名簿) */
	if (m && i + m + 1 < t->n && t->cp[i + m] == 0x540D /* 名 */ &&
	    (t->cp[i + m + 1] == ':' || t->cp[i + m + 1] == ' '))
		return m + 1;
	if (!m)
		m = match_any(t, i, weak_labels);
	if (!m)
		return 0;
	size_t j = i + m;
	if (t->cp[j - 1] == 0x306E /* の */ ||
	    (j < t->n && (t->cp[j] == ':' || t->cp[j] == ' ' || t->cp[j] == 0x306F /* は */)))
		return m;
	/* a quoted value: 記入者欄には「大和田」, 名義が「ワタナベ ケンジ」 */
	if (pii__match(t, j, "欄"))
		j++;
	if (pii__match(t, j, "には"))
		j += 2;
	else if (j < t->n && (t->cp[j] == 0x304C /* が */ || t->cp[j] == 0x306B /* に */))
		j++;
	if (j < t->n && t->cp[j] == 0x300C /* 「 */)
		return m;
	/* a name in katakana glued to the label: 外国人住民グエン・ティ・ラン */
	if (j == i + m && j < t->n && pii__is_kata(t->cp[j]))
		return m;
	/* a full name in kanji glued to the label, its surname and given name
	 * parted by a space (相続人金城 善一が…, 亡父吉川 勇の…; fifteenth
	 * round (a)) */
	if (j == i + m && j + 2 < t->n && pii__is_kanji(t->cp[j])) {
		size_t k = j;
		while (k < t->n && pii__is_kanji(t->cp[k]) && k - j < 4)
			k++;
		/* a surname of two kanji or more, a given name of one to three
		 * kanji or katakana, then no more kanji (not 児童館　豊中市…) */
		size_t g = k + 1, ge = g;
		while (ge < t->n && (pii__is_kanji(t->cp[ge]) || pii__is_kata(t->cp[ge])) &&
		       ge - g < 5)
			ge++;
		if (k - j >= 2 && k + 1 < t->n && t->cp[k] == ' ' && ge > g && ge - g <= 3 &&
		    (ge == t->n || !pii__is_kanji(t->cp[ge])))
			return m;
	}
	/* a relation in brackets between the label and its colon (受給者（子）：…),
	 * not a note (受給者（済）：) */
	if (j == i + m && j + 3 < t->n && t->cp[j] == '(') {
		size_t k = j + 1;
		while (k < t->n && k - j <= 4 && t->cp[k] != ')' && pii__is_kanji(t->cp[k]))
			k++;
		if (k > j + 1 && k + 1 < t->n && t->cp[k] == ')' && t->cp[k + 1] == ':' &&
		    word_is(t, j + 1, k, role_labels))
			return m;
	}
	return 0;
}

static size_t label_at(const struct pii__text *t, size_t i)
{
	size_t m = match_any(t, i, titles);
	if (m && i + m < t->n && t->cp[i + m] == 0x306E /* の */)
		return m + 1;
	return field_label_at(t, i);
}

static int label_ends_at(const struct pii__text *t, size_t end);

/* What comes before a bracket at q that may hold a person's name: a phone
 * number or a mail address, a role (ケースワーカー（菅原）, 担当（…）,
 * 保健師（…）), a note signed (案内済（佐藤）). Not a place (中の島公園（立花）,
 * 大阪方面（梅田）). */
/* Katakana words that end a facility's name, whose bracket names its area
 * or branch (地域包括支援センター（永山）, ケアプラザ（港南）; fifteenth
 * round (a)), not a person. */
static const char *const facility_kata[] = {
	"センター", "プラザ", "ステーション", "ホール", "ホーム", "ハウス", "クリニック",
	"オフィス", "ルーム", "ビル", "タワー", "パーク", "ランド", "キャンパス", "スクエア",
	"ストア", "マート", "ショップ", "モール", "アリーナ", "ドーム", "ターミナル", NULL,
};

static int bracket_owner(const struct pii__text *t, size_t q)
{
	if (q == 0)
		return 0;
	uint32_t p = t->cp[q - 1];
	if (pii__is_kata(p) && pii__ends_with(t, q > 8 ? q - 8 : 0, q, facility_kata))
		return 0;
	/* or the desk that took the visit or the call (12/7 窓口（安部）,
	 * 受付（…）; session 25's read files) */
	static const char *const desks[] = {"窓口", "受付", NULL};
	return pii__is_alnum(p) || pii__is_kata(p) || p == 0x6E08 /* 済 */ ||
	       p == 0x4E86 /* 了 */ || p == 0x8005 /* 者 */ || p == 0x54E1 /* 員 */ ||
	       p == 0x5E2B /* 師 */ || p == 0x5F53 /* 当 */ || label_ends_at(t, q) ||
	       (q >= 2 && pii__ends_with(t, q - 2, q, desks));
}

/* The bracket at o holds one weekday after a date (7/31（金）, 11/4（火）,
 * tenth round): a digit before it. */
static int weekday_bracket(const struct pii__text *t, size_t o)
{
	if (o == 0 || o + 2 >= t->n || !pii__is_digit(t->cp[o - 1]) || t->cp[o + 2] != ')')
		return 0;
	return pii__is_weekday_kanji(t->cp[o + 1]);
}

/* The bracket opened before s closes after a short run of kanji, kana or
 * spaces (a name and nothing else in it). */
static int bracket_closes(const struct pii__text *t, size_t s)
{
	for (size_t k = s; k < t->n && k - s <= 8; k++) {
		if (t->cp[k] == ')') /* two characters at least: （金） is a weekday */
			return k > s + 1 || (k == s + 1 && s >= 2 && pii__is_alnum(t->cp[s - 2]) &&
					     !weekday_bracket(t, s - 1));
		if (!pii__is_kanji(t->cp[k]) && !pii__is_kata(t->cp[k]) && t->cp[k] != ' ')
			return 0;
	}
	return 0;
}

static int all_kanji(const struct pii__text *t, size_t s, size_t e);
static int label_before_at(const struct pii__text *t, size_t s, int near_no);

/* 1 if a field label occurs within PERSON_AFTER code points before s, in
 * the same sentence; 2 if only a weak one (or 送付先) does; 0 if none. */
static int label_before(const struct pii__text *t, size_t s) { return label_before_at(t, s, 0); }

/* label_before() where a label ending in の (夫の, 長女の) labels only the
 * word right after it, or the bracket of that word (夫の名字（錦織）): for
 * a word UniDic reads as a place, which a label further back would make a
 * name (夫の転勤で大阪へ転出: the husband's transfer; batches 426-429). */
static int label_before_near(const struct pii__text *t, size_t s)
{
	return label_before_at(t, s, 1);
}

static int label_before_at(const struct pii__text *t, size_t s, int near_no)
{
	size_t lo = s > PERSON_AFTER ? s - PERSON_AFTER : 0;
	for (size_t q = s; q-- > lo;) {
		if (pii__is_boundary(t->cp[q]))
			return 0;
		size_t lm;
		/* a bracket holding only a name labels it, as a weak label
		 * (tagged names only): （平田）, （菅原） */
		if (t->cp[q] == '(' && q + 1 == s && bracket_closes(t, s) && bracket_owner(t, q))
			return 2;
		if (label_pair(t, q) && (lm = label_at(t, q))) {
			/* a one-character relation (子, 父, 母) labels only the
			 * name right after it */
			if (lm == 1 && s > q + 3)
				continue;
			if (near_no && lm >= 2 && t->cp[q + lm - 1] == 0x306E /* の */ &&
			    s > q + lm + 1 &&
			    !(t->cp[s - 1] == '(' && s - 1 - (q + lm) <= 4 &&
			      all_kanji(t, q + lm, s - 1)))
				continue;
			return pii__match(t, q, "送付先") ||
					       (!match_any(t, q, labels) && !match_any(t, q, titles) &&
						!match_any(t, q, role_labels) && !pii__match(t, q, "籍の"))
				       ? 2
				       : 1;
		}
	}
	return 0;
}

static void find_windows(struct pii__person *tg, const struct pii__text *t)
{
	tg->nwin = 0;
	tg->spent = 0;
	tg->budget = PERSON_BUDGET_FACTOR * t->n + PERSON_BUDGET_MIN;
	for (size_t i = 0; i < t->n; i++) {
		/* no branch below can add a window at a code point that is no
		 * cue, inside a line, before the last: skip those in a tight loop */
#if defined(__SANITIZE_ADDRESS__)
		/* every cue position is visited; add_window() checks that the
		 * release builds' skip below would have stopped here */
		while (i > 0 && i + 1 < t->n && !window_cue(t->cp[i]) && t->cp[i - 1] != '\n') {
			assert(!cue_first(t->cp[i]) && !(label_pair(t, i) && field_label_at(t, i)));
			i++;
		}
		tg->visit = i == 0 || i + 1 >= t->n || t->cp[i - 1] == '\n' || visit_at(t, i);
#else
		/* and of the cue positions, those where no cue or label of two
		 * code points starts (most: の, か, 市, 課... before another word) */
		while (i > 0 && i + 1 < t->n && (!window_cue(t->cp[i]) || !visit_at(t, i)) &&
		       t->cp[i - 1] != '\n')
			i++;
#endif
		uint32_t c = t->cp[i];
		if (i == 0 || t->cp[i - 1] == '\n') {
			/* a name opening a line: 岡田真由美（...） */
			size_t k = i;
			while (k < t->n && pii__is_kanji(t->cp[k]) && k - i <= 6)
				k++;
			if (k - i >= 2 && k - i <= 6 && k < t->n &&
			    (is_space_or_boundary(t->cp[k]) || t->cp[k] == 0xFF08))
				add_window(tg, t, i, k, 0);
		}
		if (c == ' ' && i > 0 && pii__is_kanji(t->cp[i - 1]) && i + 1 < t->n &&
		    pii__is_kanji(t->cp[i + 1])) {
			/* 原口 純子: 1-3 kanji, a space, 1-3 kanji, standing alone */
			size_t a = i, z = i + 1;
			while (a > 0 && pii__is_kanji(t->cp[a - 1]) && i - a < 4)
				a--;
			while (z < t->n && pii__is_kanji(t->cp[z]) && z - i <= 4)
				z++;
			if (i - a <= 3 && z - i - 1 <= 3 && (a == 0 || !pii__is_kanji(t->cp[a - 1])) &&
			    (z == t->n || !pii__is_kanji(t->cp[z])))
				add_window(tg, t, a, z, 0);
		}
		if (c == ',' || c == '\t') {
			/* a cell of a CSV row: 12,鈴木健太,市民課 (accepted only when
			 * UniDic reads both a surname and a given name) */
			size_t k = i + 1;
			while (k < t->n && pii__is_kanji(t->cp[k]) && k - i <= 7)
				k++;
			if (k - i - 1 >= 2 && k - i - 1 <= 6 &&
			    (k == t->n || t->cp[k] == ',' || t->cp[k] == '\t' || t->cp[k] == '\n'))
				add_window(tg, t, i + 1, k, 0);
		}
		if (c == '\n' || i + 1 == t->n) {
			/* signature: a short name closing a line after a space or 。 */
			size_t e = c == '\n' ? i : i + 1;
			if (e > 0 && t->cp[e - 1] == 0x3002)
				e--;
			size_t k = e;
			while (k > 0 && pii__is_kanji(t->cp[k - 1]) && e - k <= 6)
				k--;
			if (e - k >= 1 && e - k <= 6 && k > 0 &&
			    (t->cp[k - 1] == ' ' || t->cp[k - 1] == 0x3002))
				add_window(tg, t, k, e, 0);
			if (c == '\n')
				continue;
		}
		/* a hand-over between two people: （大沢→小川） */
		if (c == 0x2192 && i > 0 && pii__is_kanji(t->cp[i - 1]) && i + 1 < t->n &&
		    pii__is_kanji(t->cp[i + 1])) {
			add_window(tg, t, pii__clause_start(t, i, 4), i, 0);
			add_window(tg, t, i + 1, fwd_end(t, i + 1, 4), 0);
		}
		/* a name alone in brackets: after a phone number or a mail address
		 * (080-2219-4471（平田）, k.nishi@example.jp（西 健吾）), after a
		 * role (ケースワーカー（菅原）), signing a note (案内済（佐藤）) */
		if (c == '(' && i + 1 < t->n && bracket_owner(t, i) &&
		    (pii__is_kanji(t->cp[i + 1]) || pii__is_kata(t->cp[i + 1]))) {
			size_t k = i + 1;
			while (k < t->n && k - i <= 8 && (pii__is_kanji(t->cp[k]) || t->cp[k] == ' ' ||
							  (pii__is_alnum(t->cp[i - (i > 0)]) &&
							   pii__is_kata(t->cp[k]))))
				k++;
			/* not （金）, a weekday; one character only after a number */
			if (k < t->n && t->cp[k] == ')' &&
			    (k - i >= 3 || (k - i == 2 && i > 0 && pii__is_alnum(t->cp[i - 1]) &&
					    !weekday_bracket(t, i))))
				add_window(tg, t, i + 1, k, 0);
		}
		/* a label introduces a name only as a field: 担当：, 作成者 , 長女の */
		if (label_pair(t, i) && field_label_at(t, i))
			add_window(tg, t, i, fwd_end(t, i, PERSON_AFTER), 0);
		/* a report cue after kanji (吉村から電話); the window is short, a
		 * name is close, and 住宅, 自宅, 帰宅... are words, not names */
		if (i > 0 && (c == 0x304B /* か */ || c == 0x3088 /* よ */ || c == 0x304C /* が */ ||
			      /* の is frequent: only の件 */
			      (c == 0x306E && i + 1 < t->n && t->cp[i + 1] == 0x4EF6 /* 件 */) ||
			      c == 0x5B9B /* 宛 */ || c == 0x5B85 /* 宅 */) &&
		    pii__is_kanji(t->cp[i - 1]) &&
		    !(c == 0x5B85 && is_house_word(t->cp[i - 1])) &&
		    (c == 0x5B9B || c == 0x5B85 || report_pair(t, i)) && match_any(t, i, report_cues)) {
			add_window(tg, t, pii__clause_start(t, i, PERSON_REPORT_BACK), i, 0);
			continue;
		}
		if (!cue_first(c) || i == 0)
			continue;
		size_t m = 0;
		int title = 0;
		if (c == 0x3067) { /* です after a short name opening a sentence: 原です */
			m = pii__match(t, i, "です");
			size_t k = i;
			while (k > 0 && pii__is_kanji(t->cp[k - 1]) && i - k <= 4)
				k--;
			if (m && i - k >= 1 && i - k <= 4 && (k == 0 || is_space_or_boundary(t->cp[k - 1])))
				add_window(tg, t, k, i + m, 0);
			continue;
		} else if (c == 0x3068) { /* と: only と申します, and と is frequent */
			m = pii__match(t, i, "と申します");
		} else {
			m = match_any(t, i, honorifics);
			if (!m)
				m = match_any(t, i, titles), title = 1;
		}
		if (m && title && i + m < t->n && t->cp[i + m] == 0x306E /* の */)
			add_window(tg, t, i, fwd_end(t, i, PERSON_AFTER), 0); /* 市長の… */
		if (m && (pii__is_kanji(t->cp[i - 1]) || pii__is_kata(t->cp[i - 1]) ||
			  t->cp[i - 1] == ' ')) {
			/* For honorifics the window holds the cue (林|さん, where 林 alone
			 * is a forest) and is tagged again without it if that finds no
			 * name (平野|様, where 平野様 is not a name to UniDic); titles
			 * only without (橋本|部長, not 橋|本部|長). */
			size_t ws = pii__clause_start(t, i, PERSON_BACK);
			if (title)
				add_window(tg, t, ws, i, 0);
			else
				add_window(tg, t, ws, i + m, i);
		}
	}
}

/* ---- tokens and chunks ---------------------------------------------------- */

enum tok_kind { TK_OTHER, TK_SEI, TK_MEI, TK_NAME, TK_PROPER, TK_NOUN, TK_SPACE, TK_DOT };

struct token {
	size_t s, e; /* code points */
	enum tok_kind kind;
	int maybe_surname; /* UniDic also has this word as a surname (大橋, 星) */
};

static enum tok_kind token_kind(const struct text_morph *m, const struct pii__text *t, size_t s,
				size_t e)
{
	if (e == s + 1 && t->cp[s] == ' ')
		return TK_SPACE;
	if (e == s + 1 && t->cp[s] == 0x30FB /* ・ */)
		return TK_DOT;
	switch ((enum text_morph_kind)m->kind) {
	case TEXT_MORPH_SURNAME:
		return TK_SEI;
	case TEXT_MORPH_GIVEN:
		return TK_MEI;
	case TEXT_MORPH_PERSON:
		return TK_NAME;
	case TEXT_MORPH_PROPER:
	case TEXT_MORPH_PLACE:
		return TK_PROPER;
	case TEXT_MORPH_NOUN:
		return TK_NOUN;
	default:
		return TK_OTHER;
	}
}

static int is_name_kind(enum tok_kind k) { return k == TK_SEI || k == TK_MEI || k == TK_NAME; }

static int all_kata(const struct pii__text *t, size_t s, size_t e)
{
	for (size_t i = s; i < e; i++)
		if (!pii__is_kata(t->cp[i]))
			return 0;
	return e > s;
}
static int all_kanji(const struct pii__text *t, size_t s, size_t e)
{
	for (size_t i = s; i < e; i++)
		if (!pii__is_kanji(t->cp[i]))
			return 0;
	return e > s;
}

/* Katakana words joined by ・ (at least two parts). */
static int kata_dot_name(const struct pii__text *t, size_t s, size_t e)
{
	int dot = 0;
	for (size_t i = s; i < e; i++) {
		if (t->cp[i] == 0x30FB) {
			if (i == s || i + 1 == e || t->cp[i - 1] == 0x30FB)
				return 0;
			dot = 1;
		} else if (!pii__is_kata(t->cp[i])) {
			return 0;
		}
	}
	return dot;
}

/* A one-kanji honorific followed by another kanji is part of a word
 * (様式, 氏名, 左門殿川), except 様宅, 様方, 様宛. */
static int honorific_ends(const struct pii__text *t, size_t j, size_t m)
{
	if (m != 1 || !pii__is_kanji(t->cp[j]) || j + 1 >= t->n || !pii__is_kanji(t->cp[j + 1]))
		return 1;
	uint32_t n = t->cp[j + 1];
	return n == 0x5B85 /* 宅 */ || n == 0x65B9 /* 方 */ || n == 0x5B9B /* 宛 */;
}

/* Whether the title at j (m code points: 市長, 町長…) is a place's 市 or
 * 町 and the start of a town's name: the kanji run after it ends with 町,
 * 村, 区 or 丁 (出雲市長浜町B社: the city of 出雲 and 長浜町, no mayor;
 * twenty-fourth round (a)). */
static int title_in_place_name(const struct pii__text *t, size_t j, size_t m)
{
	uint32_t f = t->cp[j];
	if (!(f == 0x5E02 /* 市 */ || f == 0x753A /* 町 */ || f == 0x6751 /* 村 */ ||
	      f == 0x533A /* 区 */))
		return 0;
	size_t q = j + m;
	while (q < t->n && pii__is_kanji(t->cp[q]) && q - (j + m) < 6)
		q++;
	if (q == j + m)
		return 0;
	uint32_t l = t->cp[q - 1];
	return l == 0x753A || l == 0x6751 || l == 0x533A || l == 0x4E01 /* 丁 */;
}

/* What follows a chunk: 2 honorific, 1 title, 0 nothing. */
static int cue_after(const struct pii__text *t, size_t e, size_t *cue_len)
{
	size_t j = e;
	if (j < t->n && t->cp[j] == ' ')
		j++;
	if (j >= t->n || !after_cue(t->cp[j]))
		return 0; /* no cue starts there */
	size_t m;
	if ((m = match_any(t, j, honorifics)) && honorific_ends(t, j, m) &&
	    !pii__match(t, j, "さんさん")) {
		*cue_len = j + m - e;
		return 2;
	}
	if ((m = match_any(t, j, titles)) && !title_in_place_name(t, j, m)) {
		*cue_len = j + m - e;
		return 1;
	}
	/* 宮内（係長） */
	if (j == e && j < t->n && t->cp[j] == '(' && (m = match_any(t, j + 1, titles)) &&
	    j + 1 + m < t->n && t->cp[j + 1 + m] == ')') {
		*cue_len = m + 2;
		return 1;
	}
	if (j == e && (m = match_any(t, j, report_cues))) {
		*cue_len = m;
		return 3;
	}
	return 0;
}

/* One kanji that makes a word with 様 only (今様): before さん it is a
 * surname (今さんから電話; twenty-eighth round (a)), unless the さん opens
 * a word in kana (今さんざん, 今さんまが, 今さんかして, 今さんにんで: the
 * lead's probes): then what follows さん is hiragana other than から or a
 * particle that is not the start of …ん. */
static const char *const sama_words[] = {"今", NULL};

static int sama_word_here(const struct pii__text *t, size_t s, size_t e)
{
	if (!pii__is_word(t, s, e, sama_words))
		return 0;
	if (e < t->n && t->cp[e] == 0x69D8 /* 様 */)
		return 1;
	if (e + 2 >= t->n || !pii__match(t, e, "さん") || !pii__is_hira(t->cp[e + 2]))
		return 0;
	if (pii__match(t, e + 2, "から"))
		return 0;
	return !pii__is_particle(t->cp[e + 2]) || (e + 3 < t->n && t->cp[e + 3] == 0x3093 /* ん */);
}

static int is_not_name(const struct pii__text *t, size_t s, size_t e)
{
	return pii__is_word(t, s, e, not_names) || sama_word_here(t, s, e);
}

int pii__called_not_name(const struct pii__text *t, size_t s, size_t e)
{
	return (pii__match(t, e, "さん") || pii__match(t, e, "様")) && pii__is_word(t, s, e, not_names);
}

/* 1 if [.., s) reads "<name><title>、": s continues a list whose previous
 * item is a name already found, followed by a title. */
static int listed_after_name(const struct pii__text *t, size_t s, const struct pii__cands *c)
{
	if (s < 2 || t->cp[s - 1] != 0x3001 /* 、 */)
		return 0;
	/* the title first (the text), then a name ending where it opens:
	 * the candidates are searched only after a title */
	size_t longest = 0;
	for (size_t w = 0; titles[w]; w++)
		if (pii__kw_len(titles[w]) > longest)
			longest = pii__kw_len(titles[w]);
	for (size_t at = s - 1 > longest ? s - 1 - longest : 0; at < s - 1; at++) {
		if (at + match_any(t, at, titles) != s - 1)
			continue;
		for (size_t k = 0; k < c->n; k++)
			if (c->v[k].type == PII_PERSON && c->v[k].end == at)
				return 1;
	}
	return 0;
}

/* Labels of a phone number written after a name and a space (担当 松井
 * 内線 2461): the next field, not a given name (twentieth round (a)). */
static const char *const phone_labels[] = {"内線", "外線", "直通", "携帯", "電話", NULL};

/* After a surname ending at e: a space and a short run of one script
 * (1-3 kanji, 2-4 hiragana, 2-5 katakana) that ends the name. Returns the
 * new end, or e. */
static size_t given_name_after(const struct pii__text *t, size_t e)
{
	if (e + 1 >= t->n || t->cp[e] != ' ')
		return e;
	size_t j = e + 1;
	uint32_t c0 = t->cp[j];
	int kind = pii__is_kanji(c0) ? 1 : pii__is_hira(c0) ? 2 : pii__is_kata(c0) ? 3 : 0;
	if (!kind)
		return e;
	while (j < t->n && ((kind == 1 && pii__is_kanji(t->cp[j])) ||
			    (kind == 2 && pii__is_hira(t->cp[j])) ||
			    (kind == 3 && pii__is_kata(t->cp[j]))))
		j++;
	size_t len = j - (e + 1);
	size_t max = kind == 1 ? 3 : kind == 2 ? 4 : 5, min = kind == 1 ? 1 : 2;
	if (len < min || len > max)
		return e;
	/* the label of the next field (面接員：長谷川　同席：水谷) */
	if (field_label_at(t, e + 1))
		return e;
	/* an honorific or a title after a space (東郷 様, 東郷 課長: a letter's
	 * salutation) */
	if (pii__is_word(t, e + 1, j, honorifics) || pii__is_word(t, e + 1, j, titles) ||
	    pii__is_word(t, e + 1, j, phone_labels))
		return e;
	/* nor the label of a date (聴取者 村岡　確認日 R7.11.2) */
	if (j + 1 < t->n && t->cp[j] == ' ' && pii__date_end(t, j + 1))
		return e;
	/* a hiragana run before ちゃん/くん/さん stops there; otherwise the run
	 * must end the name: no kanji or kana glued after it */
	if (j < t->n && (pii__is_kanji(t->cp[j]) || (kind != 2 && pii__is_hira(t->cp[j]) &&
						     !match_any(t, j, honorifics))))
		return e;
	/* 昭和45年, 令和7年: an era before its year is a date, not a given name */
	if (j < t->n && pii__is_digit(t->cp[j]))
		return e;
	/* what staff do, written after the surname in a record (保健師 北村
	 * 訪問, 担当 森 同行; batches 426-429), is no given name */
	if (kind == 1 && pii__staff_act_word(t, e + 1, j))
		return e;
	return j;
}

/* [s, e) stands alone as an item of a list: delimited on both sides by
 * punctuation, brackets, arrows or spaces (not glued to other words). */
static int item_delim(uint32_t c)
{
	return c == 0x3001 /* 、 */ || c == ':' || c == '(' || c == ')' || c == ' ' ||
	       c == 0x2192 /* → */ || c == 0x30FB /* ・ */ || c == ',' || c == '/' ||
	       pii__is_boundary(c);
}
static int list_item(const struct pii__text *t, size_t s, size_t e)
{
	return s > 0 && item_delim(t->cp[s - 1]) && (e == t->n || item_delim(t->cp[e]));
}
static int arrow_item(const struct pii__text *t, size_t s, size_t e)
{
	return (s > 0 && t->cp[s - 1] == 0x2192) || (e < t->n && t->cp[e] == 0x2192);
}

/* Field names of forms that may follow a name (氏名：吉川 穂乃香 住所：…). */
static const char *const field_words[] = {"住所", "電話", "生年月日", "性別", "続柄", "連絡先",
					  "郵便番号", "年齢", "国籍", "携帯", "メール", "旧姓",
					  "旧氏", "氏名", "職業", "勤務先", NULL};

static int label_ends_at(const struct pii__text *t, size_t end)
{
	const char *const *lists[] = {labels, role_labels};
	for (size_t l = 0; l < 2; l++) {
		/* the list's index: no label ends with this code point, or the
		 * lengths without decoding */
		const struct pii__kwlist *L = pii__kwlist_get(lists[l]);
		if (L && (end == 0 || !pii__kw_has(L->last, t->cp[end - 1])))
			continue;
		if (L && !L->plain) {
			/* only the labels that end with this code point */
			uint32_t c = t->cp[end - 1];
			for (unsigned k = L->lhead[pii__kw_bit(c)]; k != 255; k = L->lnext[k])
				if (L->cpl[k] == c && L->len[k] <= end &&
				    pii__match(t, end - L->len[k], lists[l][k]))
					return 1;
			continue;
		}
		for (size_t k = 0; lists[l][k]; k++) {
			size_t kl = L && !L->plain ? L->len[k] : pii__kw_len(lists[l][k]);
			if (kl <= end && pii__match(t, end - kl, lists[l][k]))
				return 1;
		}
	}
	return 0;
}

/* [s, e) is an item of a list of words separated by spaces: a kanji word
 * that is no label before it, or one after the run that would be its given
 * name. */
static int space_listed(const struct pii__text *t, size_t s, size_t e)
{
	if (s >= 2 && t->cp[s - 1] == ' ' && pii__is_kanji(t->cp[s - 2]) && !label_ends_at(t, s - 1))
		return 1;
	size_t j = e + 1;
	while (j < t->n && pii__is_kanji(t->cp[j]))
		j++;
	return j + 1 < t->n && j > e + 1 && t->cp[j] == ' ' && pii__is_kanji(t->cp[j + 1]) &&
	       !match_any(t, j + 1, field_words) && !match_any(t, j + 1, labels);
}

/* Decides on the chunk [s, e) made of tokens tok[a..b). */
/* ENAMDICT lists far more surnames than UniDic (長野, 福島): a noun of 1-3
 * kanji it lists as a surname, asked only where a title says a person is
 * meant (not for every token of every window). */
static int listed_surname(const struct pii__text *t, const struct token *tk)
{
	return (tk->kind == TK_NOUN || tk->kind == TK_PROPER) && all_kanji(t, tk->s, tk->e) &&
	       tk->e - tk->s <= 3 &&
	       (pii__names_lookup(pii__names_get(), t->cp + tk->s, tk->e - tk->s) &
		PII_NAME_SURNAME) != 0;
}

/* Kinds of facility whose name opens with a place (飯山南小学校, 北野病院):
 * a name read glued before one is the facility's (twentieth round (a)).
 * 苑, 荘 and 寮 close the names of care homes, lodgings and dormitories
 * (特養 若葉苑, 白樺荘さんから; batches 370-373): one kanji, but no title
 * opens with them as 園長, 館長 and 院長 open with 園, 館 and 院. */
static const char *const facility_suffixes[] = {"小学校", "中学校", "高等学校", "高校", "病院",
						"保育園", "保育所", "幼稚園", "公民館", "図書館",
						"駅", "苑", "荘", "寮", NULL};

/* Particles and honorifics in hiragana that may follow a one-kanji name
 * (森が, 林さん); other hiragana glued to one kanji make a word (新しい). */
static const char *const name_particles[] = {"さん", "さま", "ちゃん", "くん", "の", "が", "は",
					     "を", "に", "と", "も", "や", "へ", "で", "から",
					     "より", "まで", NULL};

static int cjk_surname(uint32_t c);

/* A surname and a given name UniDic reads glued together (no space) before
 * の and another surname with an honorific (甲斐原の那須さん, 大久保の田中
 * さん; batches 418-421): a place, where the one named lives or works; a
 * full name before its own relation (山田花子の母, 山田太郎の息子さん) is
 * no place. */
static int place_before_named(const struct pii__text *t, size_t s, size_t e)
{
	if (e + 3 > t->n || t->cp[e] != 0x306E /* の */)
		return 0;
	for (size_t k = s; k < e; k++)
		if (!pii__is_kanji(t->cp[k]))
			return 0;
	size_t q = e + 1;
	while (q < t->n && pii__is_kanji(t->cp[q]) && q - e <= 4)
		q++;
	/* the one after の is someone else, not the named one's kin (山田太郎
	 * の息子さん, 田中一郎の奥様) */
	return q > e + 1 && q - e <= 4 && match_any(t, q, honorifics) != 0 &&
	       !word_is(t, e + 1, q, not_names);
}

static void accept_chunk(const struct pii__text *t, const struct token *tok, size_t a, size_t b,
			 struct pii__cands *c)
{
	size_t s = tok[a].s, e = tok[b - 1].e;
	int names = 0, sei = 0, mei = 0, dots = 0, proper = 0;
	for (size_t k = a; k < b; k++) {
		names += is_name_kind(tok[k].kind);
		sei += tok[k].kind == TK_SEI;
		mei += tok[k].kind == TK_MEI;
		dots += tok[k].kind == TK_DOT;
		proper += tok[k].kind == TK_PROPER || tok[k].kind == TK_NOUN;
	}
	if (is_not_name(t, s, e))
		return;
	if (sei && mei && place_before_named(t, s, e))
		return;
	/* a role's or a field's label before its value is no name (（本名 KIM
	 * JUNGHO）, （本名 金 正雄）; twentieth round (a)) */
	if (e < t->n && (t->cp[e] == ' ' || t->cp[e] == ':') &&
	    (word_is(t, s, e, role_labels) || word_is(t, s, e, labels)))
		return;
	size_t cue_len = 0;
	int cue = cue_after(t, e, &cue_len);
	double conf = 0;
	if (names && cue == 2)
		conf = 0.95;
	else if (names && cue == 3 && (s == 0 || !pii__is_kanji(t->cp[s - 1])))
		conf = 0.8;
	else if (names && cue == 1 && (e - s >= 2 || tok[a].kind == TK_SEI) &&
		 (s == 0 || !pii__is_kanji(t->cp[s - 1])))
		conf = 0.9; /* titles glue to words (学校長, 民生委員): two characters at least */
	else if (!names && cue == 2 && dots && proper)
		conf = 0.8; /* katakana name in parts joined by ・ */
	else if (!names && cue == 2 && b - a == 1 && kata_dot_name(t, s, e))
		conf = 0.8; /* キム・ミンジュさん: one unknown token */
	else if (!names && !cue && (dots || (b - a == 1 && kata_dot_name(t, s, e))) &&
		 label_before(t, s) == 1 && kata_dot_name(t, s, e))
		conf = 0.75; /* 韓国籍のキム・ミンジュ, 緊急連絡先：ソン・ユナ */
	else if (!names && cue == 2 && b - a == 1 && tok[a].kind == TK_PROPER)
		conf = 0.8; /* 千葉ちゃん: a place name used as a surname */
	else if (!names && cue == 2 && b - a == 1 && tok[a].maybe_surname &&
		 (s == 0 || !pii__is_kanji(t->cp[s - 1])))
		conf = 0.75; /* 大橋様: read as a common noun, but also a surname */
	else if (!names && cue == 2 && b - a == 1 && e - s == 1 && cjk_surname(t->cp[s]) &&
		 (s == 0 || !pii__is_kanji(t->cp[s - 1])))
		conf = 0.75; /* 黃先生: a Chinese or Korean surname in the form its
			      * bearer writes, a word UniDic does not know (batches 370-373) */
	else if (!names && cue == 1 && b - a == 1 && tok[a].kind == TK_PROPER &&
		 (tok[a].maybe_surname || listed_surname(t, &tok[a])) &&
		 e - s >= 2 && (s == 0 || !pii__is_kanji(t->cp[s - 1])) &&
		 !pii__match(t, e, "市長") && !pii__match(t, e, "区長") && !pii__match(t, e, "町長") &&
		 !pii__match(t, e, "村長") && !pii__match(t, e, "知事"))
		conf = 0.8; /* 長野係長: a place name that is also a surname, before a title
			     * (京都市長 is the mayor of the place) */
	else if (!names && b - a == 1 && tok[a].maybe_surname && list_item(t, s, e) &&
		 (cue == 1 || label_before(t, s) == 1 || arrow_item(t, s, e)))
		conf = 0.75; /* 出席：中谷、平野、桑原; 宮内（係長）; （大沢→小川） */
	else if (!names && cue == 1 && b - a == 1 && all_kanji(t, s, e) && e - s <= 2 &&
		 listed_after_name(t, s, c))
		conf = 0.75; /* 西田課長、東主査: the next name in a list of names with titles */
	else if (!names && !cue && b - a == 1 && tok[a].kind == TK_PROPER && all_kanji(t, s, e) &&
		 (label_before_near(t, s) == 1 ||
		  (label_before(t, s) == 2 && pii__match(t, e, "です"))) &&
		 (e == t->n || (!pii__is_kanji(t->cp[e]) && !pii__is_kata(t->cp[e]))))
		conf = 0.75; /* 委員長の石田から: UniDic reads 石田 as a place here */
	else if (names) {
		int lab = label_before(t, s);
		int line_start = s == 0 || is_space_or_boundary(t->cp[s - 1]);
		size_t k = e;
		while (k < t->n && (t->cp[k] == ' ' || t->cp[k] == 0x3002))
			k++;
		int line_end = k == t->n || t->cp[k] == '\n';
		/* after a label the name stands alone: 担当：森 but not 担当：…の森担当 */
		int free_end = e == t->n || (!pii__is_kanji(t->cp[e]) && !pii__is_kata(t->cp[e]));
		if (lab && free_end)
			conf = 0.85;
		else if (sei && mei)
			conf = 0.8;
		else if (line_start && pii__match(t, e, "です"))
			conf = 0.75;
		else if (line_end && s > 0 && (t->cp[s - 1] == ' ' || t->cp[s - 1] == 0x3002))
			conf = 0.7;
	}
	/* one kanji glued to the hiragana of its word (新しい, 早く) is no name
	 * (twentieth round (a)) */
	if (conf > 0 && e - s == 1 && e < t->n && pii__is_hira(t->cp[e]) &&
	    !match_any(t, e, honorifics) && !match_any(t, e, name_particles))
		conf = 0;
	/* a place glued before a facility's kind (飯山南小学校) */
	if (conf > 0 && e < t->n && match_any(t, e, facility_suffixes))
		conf = 0;
	/* a town before one of its units (大泉町 住民課, 大泉町 多文化協働課長;
	 * twentieth round (a)): the municipality, not a surname in 町 */
	if (conf > 0 && e - s >= 2 && (t->cp[e - 1] == 0x753A /* 町 */ || t->cp[e - 1] == 0x5E02) &&
	    e + 2 < t->n && t->cp[e] == ' ') {
		size_t w = e + 1;
		while (w < t->n && (pii__is_kanji(t->cp[w]) || pii__is_kata(t->cp[w])) && w - e <= 12)
			w++;
		if (w >= e + 3 && (t->cp[w - 1] == 0x8AB2 /* 課 */ || t->cp[w - 1] == 0x4FC2 /* 係 */ ||
				   t->cp[w - 1] == 0x5BA4 /* 室 */ || t->cp[w - 1] == 0x5C40 /* 局 */ ||
				   pii__match(t, w - 2, "課長")))
			conf = 0;
	}
	/* the value of a thing's field (車種：トヨタ シエンタ, 機種：…; a
	 * make and a model read as 姓 名; thirty-second set, batches
	 * 414-417) names no one */
	if (conf > 0 && pii__thing_value_at(t, s))
		conf = 0;
	/* 姓 + space + a given name UniDic does not know (長谷川 蒼, 横山 ひなた),
	 * but not in a list of surnames (出席者 田中 小林 中村) */
	if (conf > 0 && tok[b - 1].kind == TK_SEI && !space_listed(t, s, e))
		e = given_name_after(t, e);
	if (conf > 0)
		pii__cand_add(c, t, s, e, PII_PERSON, conf);
}

/* A surname MeCab read as a prefix and a noun (広|部さんと交代; batches
 * 426-429) before an honorific: one kanji that is no word of its own, the
 * noun glued to it, the two a surname ENAMDICT lists, opening their word. */
static void prefix_cut_surname(const struct pii__text *t, const struct token *p,
			       const struct token *q, struct pii__cands *c)
{
	size_t s = p->s, e = q->e, cl;
	if (p->e != s + 1 || q->s != p->e || (q->kind != TK_NOUN && q->kind != TK_PROPER) ||
	    e - s > 3 || !all_kanji(t, s, e) || (s > 0 && pii__is_kanji(t->cp[s - 1])) ||
	    cue_after(t, e, &cl) != 2 || is_not_name(t, s, e))
		return;
	const struct pii__names *names = pii__names_get();
	if (names && (pii__names_lookup(names, t->cp + s, e - s) & PII_NAME_SURNAME))
		pii__cand_add(c, t, s, e, PII_PERSON, 0.75);
}

/* Groups tokens into chunks: name tokens, joined by one space (姓 名) or
 * by ・ (katakana names); a single proper noun or kanji noun right before a
 * cue is a chunk too. */
static void chunk_tokens(const struct pii__text *t, const struct token *tok, size_t n,
			 struct pii__cands *c)
{
	size_t i = 0;
	while (i < n) {
		enum tok_kind k = tok[i].kind;
		/* パク・ジフン: MeCab may read the first part as any word class */
		int kata_start = k != TK_SPACE && k != TK_DOT && all_kata(t, tok[i].s, tok[i].e) &&
				 i + 1 < n && tok[i + 1].kind == TK_DOT;
		if (!is_name_kind(k) && !kata_start) {
			if (k == TK_OTHER && i + 1 < n)
				prefix_cut_surname(t, &tok[i], &tok[i + 1], c);
			if ((k == TK_PROPER || k == TK_NOUN) && i + 1 <= n) {
				size_t cl;
				if ((cue_after(t, tok[i].e, &cl) ||
				     ((k == TK_PROPER || kata_dot_name(t, tok[i].s, tok[i].e)) &&
				      label_before(t, tok[i].s)) ||
				     (tok[i].maybe_surname && list_item(t, tok[i].s, tok[i].e) &&
				      (label_before(t, tok[i].s) == 1 ||
				       arrow_item(t, tok[i].s, tok[i].e)))) &&
				    (i == 0 || !(tok[i - 1].kind == TK_NOUN || tok[i - 1].kind == TK_PROPER) ||
				     tok[i - 1].e != tok[i].s ||
				     kata_dot_name(t, tok[i].s, tok[i].e) ||
				     /* a job's word in katakana before a surname
				      * and its honorific (委託業者のオペレーター南
				      * さん; batches 426-429) is no compound */
				     (all_kata(t, tok[i - 1].s, tok[i - 1].e) &&
				      pii__is_kanji(t->cp[tok[i].s]) && cue_after(t, tok[i].e, &cl) == 2)))
					accept_chunk(t, tok, i, i + 1, c);
			}
			i++;
			continue;
		}
		size_t j = i + 1;
		while (j < n) {
			enum tok_kind kj = tok[j].kind;
			if (is_name_kind(kj)) {
				j++;
				continue;
			}
			/* ・ joins katakana parts (キム・ミンジュ), not a list of
			 * kanji names (松田 結衣・松田 陸) */
			if ((kj == TK_DOT) && j + 1 < n && all_kata(t, tok[j - 1].s, tok[j - 1].e) &&
			    (is_name_kind(tok[j + 1].kind) || all_kata(t, tok[j + 1].s, tok[j + 1].e) ||
			     kata_dot_name(t, tok[j + 1].s, tok[j + 1].e))) {
				j += 2;
				continue;
			}
			/* 姓 + space + 名 */
			if (kj == TK_SPACE && j + 1 < n && tok[j - 1].kind == TK_SEI &&
			    (tok[j + 1].kind == TK_MEI || tok[j + 1].kind == TK_NAME)) {
				j++;
				continue;
			}
			/* 姓 + a given name UniDic does not know, right before a cue */
			if (tok[j - 1].kind == TK_SEI && kj == TK_NOUN && all_kanji(t, tok[j].s, tok[j].e) &&
			    tok[j].e - tok[j].s <= 2) {
				size_t cl;
				if (cue_after(t, tok[j].e, &cl) == 2) {
					j++;
					continue;
				}
			}
			break;
		}
		accept_chunk(t, tok, i, j, c);
		i = j;
	}
}

static size_t cp_index(const struct pii__text *t, size_t lo, size_t hi, size_t byte)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->boff[mid] < byte)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* cp_index() from a cursor: the morphemes of a window come in order, so
 * the answer is found by walking on from the previous one; a byte before
 * the cursor (never seen) falls back to the binary search. */
static inline size_t cp_index_from(const struct pii__text *t, size_t *cur, size_t lo, size_t hi,
				   size_t byte)
{
	size_t i = *cur;
	if (i > lo && t->boff[i - 1] >= byte)
		return *cur = cp_index(t, lo, hi, byte);
	while (i < hi && t->boff[i] < byte)
		i++;
	return *cur = i;
}

/* Orders windows by their start, then as found (insertion sort: a scan has
 * few windows, mostly in order already). */
static void sort_by_start(struct pii__person *tg)
{
	for (size_t i = 0; i < tg->nwin; i++) {
		size_t w = i, j = i;
		while (j > 0 && tg->win[tg->order[j - 1]].s > tg->win[w].s) {
			tg->order[j] = tg->order[j - 1];
			j--;
		}
		tg->order[j] = w;
	}
}

/* The morphemes of every window and of every window without its honorific
 * (its cut), into tg->morphs. Windows that start at the same code point
 * (a label alone and the label with the name after it, 出席者：小林 and
 * 出席者：小林委員長、加藤; a window with and without its honorific) are
 * prefixes of the longest of them, and MeCab parses that one only: see
 * text_analyze_prefixes(), which gives each the morphemes a parse of its
 * own would give. */
static int tag_windows(struct pii__person *tg, struct text_tokenizer *tk, const struct pii__text *t)
{
	tg->morphs.n = 0;
	if (tg->capscratch < 2 * tg->nwin) {
		tg->capscratch = 2 * tg->nwin;
		tg->order = yk_xrealloc(tg->order, tg->capscratch * sizeof(*tg->order));
		tg->ends = yk_xrealloc(tg->ends, tg->capscratch * sizeof(*tg->ends));
		tg->ranges = yk_xrealloc(tg->ranges, tg->capscratch * sizeof(*tg->ranges));
	}
	sort_by_start(tg);
	for (size_t i = 0; i < tg->nwin;) {
		size_t s = tg->win[tg->order[i]].s, j = i, n = 0, b0 = t->boff[s];
		for (; j < tg->nwin && tg->win[tg->order[j]].s == s; j++) {
			const struct window *w = &tg->win[tg->order[j]];
			tg->ends[n++] = t->boff[w->e] - b0;
			tg->ends[n++] = w->cut ? t->boff[w->cut] - b0 : 0;
		}
		/* the windows are slices of the validated input, cut at code points */
		if (text_analyze_prefixes(tk, t->raw + b0, tg->ends, n, &tg->morphs, tg->ranges,
					  NULL) != 0)
			return YK_EMORPH;
		for (size_t k = i; k < j; k++) {
			struct window *w = &tg->win[tg->order[k]];
			w->mw = tg->ranges[2 * (k - i)];
			w->mc = tg->ranges[2 * (k - i) + 1];
		}
		i = j;
	}
	return 0;
}

/* Reads the morphemes mr of [ws, we) and appends the names found. */
static void tag_window(struct pii__person *tg, const struct pii__text *t, size_t ws, size_t we,
		       struct text_morph_range mr, struct pii__cands *c)
{
	struct token tok[PERSON_TOKENS_MAX];
	size_t b0 = t->boff[ws];
	size_t n = 0, cur = ws;
	for (size_t k = 0; k < mr.n && n < PERSON_TOKENS_MAX; k++) {
		const struct text_morph *m = &tg->morphs.v[mr.off + k];
		/* MeCab skips spaces; keep them as tokens for 姓 名 */
		if (m->space) {
			tok[n].s = cp_index_from(t, &cur, ws, we, b0 + m->start - m->space);
			tok[n].e = cp_index_from(t, &cur, ws, we, b0 + m->start);
			tok[n].kind = TK_SPACE;
			tok[n].maybe_surname = 0;
			if (++n == PERSON_TOKENS_MAX)
				break;
		}
		tok[n].s = cp_index_from(t, &cur, ws, we, b0 + m->start);
		tok[n].e = cp_index_from(t, &cur, ws, we, b0 + m->end);
		tok[n].kind = token_kind(m, t, tok[n].s, tok[n].e);
		tok[n].maybe_surname = 0;
		/* the other readings MeCab weighed for the same characters */
		if ((tok[n].kind == TK_NOUN || tok[n].kind == TK_PROPER) &&
		    all_kanji(t, tok[n].s, tok[n].e) && tok[n].e - tok[n].s <= 3)
			tok[n].maybe_surname = (m->flags & TEXT_MORPH_ALSO_SURNAME) != 0;
		n++;
	}
	chunk_tokens(t, tok, n, c);
}

/* ---- names in Latin script ------------------------------------------------- */

static int latin_accented(uint32_t c) { return c >= 0xC0; }

enum latin_word { LW_NONE, LW_CAP, LW_UPPER, LW_PARTICLE };

/* Lower-case particles inside names (Lucas Oliveira da Silva). */
static const char *const particles[] = {"da", "de", "do", "dos", "das", "del", "della", "di",
					"du", "van", "von", "der", "den", "bin", "binti", "y",
					"e", "al", "el", "la", "le",
					/* Filipino surnames (dela Cruz, delos Reyes) */
					"dela", "delos", NULL};
/* Capitalised words that are form headings, not names, and acronyms, in
 * two lists of fewer than PII_KWLIST_MAX words each, so that both are
 * indexed (a longer list is compared word by word, over 300 of them). */
static const char *const latin_stop[] = {
	"Surname", "Given", "Names", "Name", "Passport", "No", "From", "To", "Subject", "Dear",
	"Mr", "Ms", "Mrs", "Dr", "Date", "Tel", "Email", "Mail", "Re", "Fw", "Cc", "Residence",
	"Certificate", "The", "Of", "And", "For", "My", "Visa", "Card", "Number", "City", "Street",
	"Road", "Avenue", "Prefecture", "Japan", "Nationality", "Address", "Birth", "Sex", "Male",
	"Female", "Office", "Section", "Center", "Centre", "Hall", "Bank", "Inc", "Ltd", "Co",
	"Corp", "Company", "University", "School", "Hospital", "Barangay", "San", "Santa",
	"ID", "JR", "NHK", "NPO", "PDF", "CSV", "USB", "IC", "ATM", "FAX", "TEL", "OK", "NG", "QR",
	"DX", "AI", "IT", "ICT", "URL", "PC", "JP", "EU", "UN", "USA", "UK", "WHO", "JICA", "ALT",
	"CIR", "LGWAN", "SNS", "FAQ", "PTA", "DV", "LINE", "HP", "PR", "CM", "TV", "GPS", "LED",
	"TO", "FROM", "CC", "RE", "FW", "NO", "DATE", "NAME", "SURNAME", "GIVEN", "NAMES",
	"PASSPORT", "JAPAN", "CITY", "ADDRESS", "SEX", "MALE", "FEMALE", "BANK", "VISA", "CARD",
	"EMAIL", "ZIP", "ATTN", "DEPT", "INC", "LTD", "CO", "CORP", "DOB", "Tel", "TEL", "Fax",
	"Residence", "Status", "Period", "Nationality", "Phone", "Mobile",
	/* a table's header words (written in capitals too: is_latin_stop()) */
	"Birthdate", "Birthday", "Gender", "Remarks", "Notes", "Note", "Age", "Country",
	/* ships and their owners in a port's or a shipyard's record (MV
	 * OCEAN PEARL, SHIOMI MARU NO.8, SEA STAR SHIPPING S.A.; batches
	 * 226-233); here, as latin_stop_more holds the most words an index
	 * takes (PII_KWLIST_MAX) */
	"MV", "MARU", "Maru", "SHIPPING", "Shipping", "MARINE", "Marine", "OCEAN", "Ocean", "SEA",
	"VESSEL", "LINES", "KAIUN", "Kaiun",
	/* a certificate's words and an agricultural insurer's name (…to
	 * Contract Marriage, NOSAI南九州; batches 266-273) */
	"Marriage", "Contract", "Legal", "Capacity", "Death", "NOSAI",
	/* a welfare office's and a hospital's roles in brackets after a
	 * name (宮田 涼（CW）, 担当 岡（MSW）; batches 346-353) */
	"CW", "SW", "MSW", "PSW", "CM", "PT", "OT", "ST", NULL,
};
static const char *const latin_stop_more[] = {
	/* organisations, places, products and buildings written in Latin
	 * letters inside Japanese text (not names) */
	"Embassy", "Consulate", "Tokyo", "Osaka", "Kyoto", "Google", "Microsoft", "Teams", "Zoom",
	"Forms", "Form", "Excel", "Word", "Windows", "Chrome", "Edge", "Apple", "Amazon", "Android",
	"Cloud", "Online", "Service", "Services", "System", "Support", "Desk", "Station",
	"Hotel", "Church", "Clinic", "Association", "International", "Foundation", "Group",
	"Project", "Team", "Division", "Department", "Ward", "Town", "Village", "Hello", "Work",
	/* a family's fields in English (Mother: …　Child: …, ninth round) */
	"Child", "Mother", "Father", "Spouse", "Son", "Daughter", "Wife", "Husband", "Guardian",
	"Parent",
	/* a chat tool's name ([LINE WORKS] 住民福祉課グループ; batches 194-201) */
	"WORKS", "Works",
	/* app stores a city's notice names (App Store／Google Play で配信中;
	 * blind batches 1248-1263) */
	"App", "Store", "Play",
	/* job titles of a signature in English (Sales Manager) */
	"Manager", "Sales", "Director", "Chief", "Officer", "Staff", "Assistant", "Coordinator",
	"President", "General", "Senior", "Head", "Leader", "Engineer", "Representative",
	"Welcome", "Information", "Guide", "News", "Letter", "Plaza", "Tower", "Building",
	"Mansion", "Heights", "Court", "House", "Garden", "Hills", "Square", "Place", "Villa",
	"Maison", "Grand", "Royal", "Palace", "Corporation", "Limited", "Holdings", "Japanese",
	"English", "Chinese", "Korean", "Vietnamese", "Portuguese", "Spanish", "Philippine",
	"Philippines", "Brazil", "Vietnam", "China", "Korea", "Nepal", "Indonesia", "Thailand",
	"India", "America", "American", "United", "States", "Kingdom", "Republic", "Digital",
	"Smart", "Life", "Care", "Net", "Web", "Pay", "Point", "Free", "Wi", "Fi", "Room", "Floor",
	"Apartment", "Apto", "Unit", "Rua", "Avenida", "Calle", "Jalan", "Sheet", "Book", "File",
	"Error", "True", "False", "Yes", "Please", "Thank", "Thanks", "Hi", "Hello", "Best",
	"Regards", "Sincerely", "Kind", "Notice", "Request", "Application", "Type", "Code",
	"Level", "Test", "Version", "Update", "Home", "Page", "Site", "Mail", "Gmail", "Outlook",
	"Slack", "Box", "Drive", "Office", "Power", "Point", "Adobe", "Acrobat", "Reader",
	"Java", "Python", "Linux", "Server", "Network", "Security", "Data", "Report",
	/* a heading's words in capitals (FOREIGN RESIDENT MOVE-IN / 転入届,
	 * twelfth round (a)) */
	"FOREIGN", "RESIDENT", "RESIDENTS", "MOVE", "NOTICE", "FORM", "APPLICATION",
	"REGISTRATION", "CERTIFICATE", "CHANGE", "REQUEST", "INFORMATION", "GUIDE", "NEW",
	"REPORT", "RECORD", "CHILD", "SCHOOL", "TAX", "HEALTH", "INSURANCE", "PENSION",
	/* the names of languages in their own tongue on a multilingual
	 * notice (Tiếng Việt / English; fourteenth round (a)) */
	"Tiếng", "Português", "Español", "Tagalog", "Bahasa", "Nepali", "Idioma", "Língua",
	/* I of a self-introduction in Indonesian and Malay (Saya Dewi …), as
	 * My in English (twenty-sixth round (e)) */
	"Saya",
	/* a letter's greeting in Indonesian (Kepada Bapak/Ibu: to Sir or
	 * Madam) and the honorifics, as Dear and Mr; the months and the days
	 * no one is named after (not April, May, June, August), in English
	 * prose (…move to Asahikawa in January. What…; twenty-seventh round
	 * (f)) */
	"Kepada", "Bapak", "Ibu", "Yth", "January", "February", "March", "July", "September",
	"October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
	"Friday", "Saturday", "Sunday", NULL,
};

/* Offices, taxes and insurances named in the residents' languages
 * (Prefeitura de Toyota, Divisão de Seguro Nacional, Imposto do Seguro
 * Nacional de Saúde, Aquí la Municipalidad de Oizumi) and a product's
 * version (KAIGO-NAVI Ver.8): no names (sixteenth round (a)). */
static const char *const latin_stop_offices[] = {
	"Prefeitura", "Municipalidad", "Municipalidade", "Ayuntamiento", "Câmara", "Divisão",
	"División", "Seção", "Sección", "Setor", "Departamento", "Secretaria", "Secretaría",
	"Imposto", "Impostos", "Impuesto", "Impuestos", "Seguro", "Nacional", "Saúde", "Salud",
	"Pensão", "Pensión", "Previdência", "Aposentadoria", "Aquí", "Aqui", "Oficina",
	"Escritório", "Centro", "Escola", "Escuela", "Creche", "Guardería", "Prefectura",
	"Kagawaran", "Tanggapan", "Lungsod", "Buwis", "Seguridad", "Thuế", "Phòng", "Kantor",
	"Pajak", "Asuransi", "Kesehatan", "Nasional", "Pensiun", "Ver", "VER",
	/* words of English offices' names (Dear Disaster Management Division;
	 * seventeenth round (a)) */
	"Management", "Disaster", "Prevention", "Emergency", "Welfare", "Affairs", "Planning",
	"Promotion", "Policy", "Administration", "Citizens", "Citizen", "Civic", "Tax", "Insurance",
	"Health", "Education", "Board", "Committee", "Council", "Bureau", "Agency", "Ministry",
	"Government", "Municipal", "Prefectural", "Public", "Relief", "Community", "Exchange",
	"Volunteer", "Volunteers",
	/* places and sights named in English (Kegon Falls, Lake Chuzenji,
	 * Futarasan Shrine, the Yoshida Trail, Iwami Ginzan Guided Tours;
	 * batches 758-773) */
	"Lake", "Falls", "Shrine", "Temple", "Bridge", "Mine", "Highlands", "Highland", "Trail",
	"Tours", "Tour", "Course", "Castle", "Museum", "Mount", "Mountain", "River", "Island",
	"Onsen", "Section", "Garden", "Gardens", "Station", "Port", NULL,
};

static int word_is(const struct pii__text *t, size_t i, size_t e, const char *const *words)
{
	if (e == i) { /* the old answer for an empty word: some keyword does not start at i */
		for (size_t k = 0; words[k]; k++)
			if (!pii__match(t, i, words[k]))
				return 1;
		return 0;
	}
	return pii__is_word(t, i, e, words);
}

/* A word of either list (the answer of one list holding both). */
static int is_latin_stop(const struct pii__text *t, size_t i, size_t e)
{
	if (word_is(t, i, e, latin_stop) || word_is(t, i, e, latin_stop_more) ||
	    word_is(t, i, e, latin_stop_offices))
		return 1;
	/* a word of the lists written in capitals, as a table's header is
	 * (NATIONALITY, BIRTHDATE, REMARKS; the lead's probes, 2026-12-04
	 * night): looked up capitalised (Nationality) */
	uint32_t w[24];
	size_t n = e - i;
	if (n < 3 || n > 24)
		return 0;
	for (size_t k = 0; k < n; k++) {
		uint32_t c = t->cp[i + k];
		if (!pii__is_upper(c))
			return 0;
		w[k] = k ? c + ('a' - 'A') : c;
	}
	const struct pii__text cap = {w, NULL, n, NULL, 0, NULL, NULL};
	return word_is(&cap, 0, n, latin_stop) || word_is(&cap, 0, n, latin_stop_more) ||
	       word_is(&cap, 0, n, latin_stop_offices);
}

/* 1 when the Latin word [s, e) is a heading's, an organisation's or a
 * product's word of latin_stop (Version, Windows, Python), for the bare
 * rules (tenth round). */
int pii__latin_stop_word(const struct pii__text *t, size_t s, size_t e)
{
	return is_latin_stop(t, s, e);
}

int pii__latin_particle(const struct pii__text *t, size_t s, size_t e)
{
	return word_is(t, s, e, particles);
}

/* A word of Latin letters at i: capitalised, all upper case (2+ letters),
 * or a particle; *end gets its end, *accent whether it has an accented
 * letter. */
static enum latin_word latin_word_at(const struct pii__text *t, size_t i, size_t *end,
				     int *accent)
{
	size_t j = i;
	int up = 0, low = 0, apos = 0;
	*accent = 0;
	while (j < t->n && j - i < 24) {
		/* O'Connor, D'Souza, O'NEILL: an apostrophe and a capital go on
		 * with the word; the capital opens a part of the word, as a
		 * capitalised word's first letter does (batches 234-241) */
		if ((t->cp[j] == '\'' || t->cp[j] == 0x2019) && j > i && j + 1 < t->n &&
		    pii__is_latin_upper(t->cp[j + 1]) && pii__is_latin_upper(t->cp[i])) {
			j += 2;
			apos++;
			continue;
		}
		if (!pii__is_latin(t->cp[j]))
			break;
		if (pii__is_latin_upper(t->cp[j]))
			up++;
		else
			low++;
		*accent |= latin_accented(t->cp[j]);
		j++;
	}
	if (j == i || (j < t->n && (pii__is_digit(t->cp[j]) || pii__is_latin(t->cp[j]))))
		return LW_NONE;
	*end = j;
	if (!pii__is_latin_upper(t->cp[i]))
		return j - i <= 5 && word_is(t, i, j, particles) ? LW_PARTICLE : LW_NONE;
	int letters = (int)(j - i) - apos; /* the apostrophes' capitals counted */
	enum latin_word w = up + apos == letters ? (letters >= 2 ? LW_UPPER : LW_NONE)
			    : up == 1 && letters >= 2 ? LW_CAP
						      : LW_NONE; /* McDonald, iPhone: leave them */
	if (w != LW_NONE && is_latin_stop(t, i, j))
		return LW_NONE;
	return w;
}

/* 1 if the Latin words [i, end) stand alone in Japanese text: a Japanese
 * character or the text's start before them (a space may stand between),
 * and a Japanese character, a bracket, punctuation or the end after them,
 * not a number or more Latin text (a street, an English sentence). */
static int latin_in_japanese(const struct pii__text *t, size_t i, size_t end)
{
	size_t b = i;
	if (b > 0 && t->cp[b - 1] == ' ')
		b--;
	/* an item number before it: ・No.1 Nguyen Thi Huong, 2. Bui Van Long */
	if (b < i && b > 0) {
		size_t d = b;
		if (t->cp[d - 1] == '.')
			d--;
		size_t digits = d;
		while (d > 0 && pii__is_digit(t->cp[d - 1]) && digits - d < 3)
			d--;
		if (d < digits) {
			if (d >= 3 && pii__match(t, d - 3, "No."))
				d -= 3;
			else if (d >= 2 && pii__match(t, d - 2, "No"))
				d -= 2;
			b = d;
		}
	}
	if (b > 0) {
		uint32_t p = t->cp[b - 1];
		if (p < 0x3000 && p != '\n' && p != '(' && p != ')')
			return 0;
	}
	size_t a = end;
	if (a < t->n && t->cp[a] == ' ')
		a++;
	if (a >= t->n)
		return 1;
	uint32_t q = t->cp[a];
	/* a tab: the next cell of a table row (Garcia Ana<TAB>080-…) */
	return q == '\n' || q == '(' || q == ')' || q == '/' || q >= 0x3000 ||
	       (end < t->n && pii__raw_tab(t, end));
}

static const char *const latin_before[] = {"Mr. ", "Ms. ", "Mrs. ", "Dr. ", "Mr ", "Ms ",
					   "Mrs ", "contact ", "Contact ", "Name: ", "name: ",
					   "Dear ", "From ", "Surname ", "Given names ",
					   "Given name ", "my name is ", "My name is ",
					   "This is ", "this is ", "I am ", "I'm ", "po si ",
					   "Ako si ", "ako si ", "Meu nome é ", "Me llamo ",
					   "Tôi là ", "Je m'appelle ",
					   /* Portuguese "this is" on a phone or in a
					    * chat (aqui é a Fernanda; session 21) */
					   "aqui é a ", "aqui é o ", "Aqui é a ", "Aqui é o ",
					   /* Indonesian "I" opening a letter's
					    * self-introduction (Saya Dewi …, tinggal
					    * di …; twenty-seventh round (f)) */
					   "Saya ",
					   /* a teacher in Portuguese and Spanish
					    * (professora Sandra Mori; batch 317) */
					   "professora ", "professor ", "Professora ",
					   "Professor ", NULL};
/* Titles before a surname written alone (Mr. Tanaka, ninth round). */
static const char *const latin_titles[] = {"Mr. ", "Ms. ", "Mrs. ", "Dr. ", "Mr ", "Ms ",
					   "Mrs ", "Miss ", NULL};
/* Fields of a passport or a form in English before a name that may be one
 * word (Surname: ZHANG / Given names: YUTING). */
static const char *const latin_fields[] = {"Surname: ", "Surname:", "Given names: ",
					   "Given name: ", "Given names:", "Family name: ",
					   "First name: ", "Last name: ",
					   /* a family's fields in English (Child: Aliyah,
					    * ninth round) */
					   "Child: ", "Mother: ", "Father: ", "Spouse: ",
					   "Son: ", "Daughter: ", "Wife: ", "Husband: ",
					   "Guardian: ", "Parent: ",
					   /* a maiden name in a Japanese form (伊藤
					    * ジェシカ（旧姓 REYES）, thirteenth round (a)) */
					   "旧姓 ", "旧姓:", "旧姓: ", NULL};

/* Names in Latin script, which UniDic does not tag:
 * - passport style, at least one word in capitals (SILVA, Ana Paula;
 *   LIU HAORAN; MAHARJAN Sita; DO VAN HUNG): a name by its shape;
 * - capitalised words (John Smith, Lucas Oliveira da Silva) with a cue: an
 *   honorific after, Mr./From/Dear before, a person label before; three or
 *   more with an accented letter (Nguyễn Văn Bình) stand alone;
 * - one word with an honorific (Thapaさん). */
/* A word's lower-case syllable after a hyphen (Ji-won, Min-jun: a Korean
 * given name written in two syllables): the end past it, or e. */
static size_t hyphen_syllable(const struct pii__text *t, size_t e)
{
	if (e + 2 >= t->n || t->cp[e] != '-' || t->cp[e + 1] < 'a' || t->cp[e + 1] > 'z')
		return e;
	size_t j = e + 1;
	while (j < t->n && t->cp[j] >= 'a' && t->cp[j] <= 'z' && j - e <= 8)
		j++;
	if (j < t->n && (pii__is_alnum(t->cp[j]) || pii__is_latin(t->cp[j]) || t->cp[j] == '-'))
		return e;
	return j;
}

/* Field labels of a form whose value is a person, besides those ending in
 * 者, 人 or 員 (寄附者：, 誓約者：, 名義人：, 相談員：). */
static const char *const person_fields[] = {"来庁", "来所", "来訪", "相手", "本人", "園児",
					    "生徒", "患者", "児", NULL};

/* A form's field of a person right before i (寄附者：Emily Clarke, 来庁：Maria
 * Santos, eighth round): a word of kanji ending in 者, 人 or 員, or one of
 * person_fields, opening its line or after a space, then ':' and at most a
 * space. */
static int person_field_before(const struct pii__text *t, size_t i)
{
	size_t b = i;
	if (b > 0 && t->cp[b - 1] == ' ')
		b--;
	if (b < 2 || t->cp[b - 1] != ':')
		return 0;
	size_t e = b - 1, a = e;
	while (a > 0 && pii__is_kanji(t->cp[a - 1]) && e - a < 8)
		a--;
	if (a == e || (a > 0 && t->cp[a - 1] != '\n' && t->cp[a - 1] != ' '))
		return 0;
	uint32_t last = t->cp[e - 1];
	return last == 0x8005 /* 者 */ || last == 0x4EBA /* 人 */ || last == 0x54E1 /* 員 */ ||
	       pii__is_word(t, a, e, person_fields);
}

/* A single capital and a full stop (John A. Miller, REYES, Jomar B.): a
 * middle initial between name words or after them. Its end, or 0. */
static size_t latin_initial(const struct pii__text *t, size_t k)
{
	if (k + 1 >= t->n || !pii__is_upper(t->cp[k]) || t->cp[k + 1] != '.')
		return 0;
	if (k + 2 < t->n && pii__is_latin(t->cp[k + 2]))
		return 0;
	return k + 2;
}

/* The start of a time without brackets that ends at i (14:05, 9:30), with
 * a date before it and a space (11/20 14:02, 2026/11/20 14:02), or i when
 * there is none: a chat log's stamp opening its line (fifteenth round (a)). */
static size_t bare_time_start(const struct pii__text *t, size_t i)
{
	size_t k = i, d = 0;
	while (k > 0 && d < 3 && pii__is_digit(t->cp[k - 1]) && t->cp[k - 1] < 0x80)
		k--, d++;
	if (d != 2 || k < 2 || t->cp[k - 1] != ':')
		return i;
	k--;
	d = 0;
	while (k > 0 && d < 3 && pii__is_digit(t->cp[k - 1]) && t->cp[k - 1] < 0x80)
		k--, d++;
	if (!d || d > 2)
		return i;
	/* a date of digits and slashes before it */
	if (k > 1 && t->cp[k - 1] == ' ' && pii__is_digit(t->cp[k - 2])) {
		size_t b = k - 1;
		int slash = 0;
		while (b > 0 && b + 12 > k && ((pii__is_digit(t->cp[b - 1]) && t->cp[b - 1] < 0x80) ||
					       t->cp[b - 1] == '/'))
			slash += t->cp[--b] == '/';
		if (slash && (b == 0 || t->cp[b - 1] == '\n'))
			return b;
	}
	return k;
}

/* 1 when i opens its line, or follows a chat line's time in brackets
 * ([14:20] REYES, Angelica Santos: …) or without them at the line's start
 * (14:05 Marites: …, 11/20 14:02 Marites: …): a speaker's place. */
static int line_opens(const struct pii__text *t, size_t i)
{
	if (i > 0 && t->cp[i - 1] == ' ') {
		i--;
		i = bare_time_start(t, i);
	}
	if (i > 0 && t->cp[i - 1] == ']') {
		while (i > 0 && t->cp[i - 1] != '[' && t->cp[i - 1] != '\n')
			i--;
		if (i > 0 && t->cp[i - 1] == '[')
			i--;
	}
	return i == 0 || t->cp[i - 1] == '\n';
}

/* A relation in an English sentence before a given name written alone
 * (My son Gabriel (born …), our daughter Mia is …; twelfth round (a)). */
static const char *const latin_relations[] = {
	"My son ", "my son ", "My daughter ", "my daughter ", "My wife ", "my wife ",
	"My husband ", "my husband ", "My child ", "my child ", "My mother ", "my mother ",
	"My father ", "my father ", "Our son ", "our son ", "Our daughter ", "our daughter ",
	"My brother ", "my brother ", "My sister ", "my sister ", "My baby ", "my baby ",
	"his son ", "her son ", "his daughter ", "her daughter ", "his wife ", "her husband ",
	/* the same relations and introductions in the languages of foreign
	 * residents' chats and letters (thirteenth round (a)): a person's
	 * relation, "of" a relation, "my name is", and Tagalog's personal
	 * articles si, ni and kay, which stand only before a person's name */
	"mother of ", "father of ", "parent of ", "guardian of ", "son of ", "daughter of ",
	"wife of ", "husband of ", "my name is ", "My name is ", "his name is ", "her name is ",
	"meu filho ", "Meu filho ", "minha filha ", "Minha filha ", "meu marido ", "Meu marido ",
	"minha esposa ", "Minha esposa ", "minha mãe ", "meu pai ", "meu nome é ", "Meu nome é ",
	"me chamo ", "Me chamo ", "se chama ", "chama-se ", "sou a ", "sou o ", "Sou a ",
	"Sou o ", "eu sou ", "Eu sou ", "soy ", "tôi là ", "Tôi là ",
	/* fourteenth round (a): Vietnamese introductions by a younger
	 * speaker (Em là Hoa ạ, cháu là…, mình là…), and Portuguese Sou
	 * opening a sentence, which latin_intro_verb() keeps out of the name */
	"Em là ", "em là ", "Cháu là ", "cháu là ", "Mình là ", "mình là ", "Con là ",
	"Sou ", "Mero naam ", "mero naam ", "Mera naam ", "mera naam ", "Mero nam ",
	"mi hijo ", "Mi hijo ", "mi hija ", "Mi hija ", "mi esposo ", "mi esposa ", "me llamo ",
	"Me llamo ", "mi nombre es ", "Mi nombre es ",
	"si ", "ni ", "kay ", "sina ", "anak ko ", "asawa ko ",
	"tên là ", "tên tôi là ", "Tên tôi là ", "con tôi ", "chồng tôi ", "vợ tôi ",
	"nama saya ", "Nama saya ", "anak saya ", "suami saya ", "istri saya ",
	/* sixteenth round (a): a relation's or a kin's word before a name
	 * inside a sentence, where the language writes no ordinary word
	 * capitalised after it: Vietnamese (cho bé Minh, chị Hoa, anh Tuấn,
	 * cháu Bảo; not em, which is Portuguese "in" too), Nepali (mero chhora
	 * Aarav, srimati Maya), Portuguese, Spanish, Tagalog and Indonesian
	 * (o filho Gabriel, su hija Camila, anak Budi) */
	"bé ", "Bé ", "cháu ", "chị ", "anh ", "Anh ", "ông ", "bà ", "con gái ", "con trai ",
	"chhora ", "chhori ", "chora ", "chori ", "srimati ", "shrimati ", "bhai ", "bahini ",
	"didi ", "filho ", "filha ", "marido ", "esposa ", "esposo ", "hijo ", "hija ", "anak ",
	/* and the words of address said before a name: Indonesian (Pak Budi,
	 * Bu Sari), Portuguese and Spanish (Dona Maria, doña Rosa), Tagalog
	 * (Aling Nena, Mang Jose, Ate Joy, Kuya Mark) */
	"Pak ", "pak ", "Bu ", "bu ", "Ibu ", "ibu ", "Bapak ", "bapak ", "Dona ", "dona ",
	"Doña ", "doña ", "Señora ", "señora ", "Señor ", "señor ", "Aling ", "aling ", "Mang ",
	"Ate ", "ate ", "Kuya ", "kuya ", NULL,
};

/* Words that open a line before a colon as a field's or a chat role's
 * label, not a speaker's name, in the languages of the chats (Khách:,
 * Cliente:, Nome:, Paalala:; thirteenth round (a)); latin_stop holds the
 * English ones that are never names. */
static const char *const latin_labels[] = {
	"Khách", "Khach", "Cliente", "Customer", "Client", "User", "Usuario", "Usuário", "Agent",
	"Operator", "Bot", "Resident", "Applicant", "Interpreter", "Translator", "Caller",
	"Visitor", "Guest", "Patient", "Member", "Admin", "Host", "Me", "You", "Teacher",
	"Student", "Nome", "Endereço", "Telefone", "Assunto", "Aviso", "Período", "Local",
	"Documentos", "Paalala", "Pangalan", "Tirahan", "Telepono", "Petsa", "Tên", "Ngày",
	"Nama", "Alamat", "Nombre", "Dirección", "Teléfono", "Fecha", "Asunto", "Note", "Notes",
	"Memo", "Answer", "Question", "Time", "Place", "Venue", "Contact", "Remarks", "Purpose",
	"Reason", "Documents", "Deadline", "Fee", "Location", "Schedule", "Target", "Sent",
	"Summary", "Result", "Step", "Warning", "Caution", "Important", "Ref", "Tip", "Example",
	"Sample", "Hours", "Open", "Closed", "Update", "Http", "Https", "Attachment", "Agenda",
	"Minutes", "Attendees", "Present", "Absent", "Action", "Decision", "Topic", "Item",
	"Category", "Total", "Amount", "Price", "Age", "Gender", "Occupation", "Language",
	"Country", "Region", "Province", "State", "Zip", "Postal", "Postcode",
	/* kin who speak in a family's chat (Mom: …, Nanay: …, Mẹ: …) */
	"Mom", "Dad", "Mama", "Papa", "Mommy", "Daddy", "Mãe", "Mae", "Pai", "Nanay", "Tatay",
	"Inay", "Itay", "Ate", "Kuya", "Lola", "Lolo", "Anak", "Mẹ", "Bố", "Ba", "Con", "Chị",
	"Anh", "Em", "Ibu", "Bapak", "Ayah", "Doctor", "Nurse", "Counselor", "Worker",
	"Volunteer", "Coach",
	/* a timetable's items after a time (10:00 Meeting: …, 12:00 Lunch: …),
	 * which a chat's stamp without brackets may look like (fifteenth
	 * round (a)) */
	"Meeting", "Break", "Lunch", "Dinner", "Session", "Opening", "Closing", "Start", "End",
	"Arrival", "Departure", "Check", "Call", "Reception", "Registration", "Welcome",
	"Talk", "Lecture", "Workshop", "Training", "Q", "Qa", "Briefing", "Tour", NULL,
};

/* Family names that most foreign residents carry, in Latin letters
 * (Vietnam, Korea, China, the Philippines, Brazil and Peru, Nepal,
 * Indonesia; kana_family of pii_layout.c in katakana): two to four
 * capitalised words that open or close with one are a name wherever they
 * stand (a CSV cell: 0013,Ferreira Lucas,…; K7-002319,Tran Van Duc,…;
 * thirteenth round (a)). Park and Shin are left out (Olympic Park, Shin
 * Kobe), and the family names of two letters that are English words. */
static const char *const latin_family[] = {
	"Nguyen", "Tran", "Pham", "Hoang", "Huynh", "Phan", "Vu", "Vo", "Dang", "Bui", "Ngo",
	"Duong", "Trinh", "Dinh", "Kim", "Choi", "Jung", "Kang", "Yoon", "Lim", "Kwon", "Wang", "Liu", "Chen", "Zhang", "Zhao", "Zhou", "Huang", "Santos", "Reyes",
	"Cruz", "Garcia", "Mendoza", "Ramos", "Bautista", "Villanueva", "Aquino", "Castillo",
	"Fernandez", "Gonzales", "Gonzalez", "Lopez", "Perez", "Torres", "Flores", "Rivera",
	"Silva", "Oliveira", "Souza", "Sousa", "Pereira", "Ferreira", "Rodrigues", "Alves", "Gomes",
	"Carvalho", "Ribeiro", "Almeida", "Nascimento", "Araujo", "Barbosa", "Gurung", "Thapa",
	"Shrestha", "Tamang", "Sharma", "Adhikari", "Magar", "Bhandari", "Poudel", "Karki",
	"Setiawan", "Wijaya", "Saputra", "Hidayat", "Nugroho", "Kurniawan", NULL,
};

/* Initials before a name in capitals (K.C. SUMAN, R.K. SHARMA: Nepali and
 * Indian names write a family's or a father's initials first; twelfth
 * round (a)): one to three capitals each with a full stop, then a space
 * and a word of capitals of three letters or more. The name's end, or 0. */
static size_t initials_name_at(const struct pii__text *t, size_t i)
{
	size_t k = i, n = 0;
	while (n < 3 && k + 1 < t->n && pii__is_latin_upper(t->cp[k]) && t->cp[k] < 0x80 &&
	       t->cp[k + 1] == '.')
		k += 2, n++;
	if (!n || k + 1 >= t->n || t->cp[k] != ' ')
		return 0;
	size_t e;
	int acc;
	if (latin_word_at(t, k + 1, &e, &acc) != LW_UPPER || e - k - 1 < 3)
		return 0;
	/* the next cell or item: a comma, a Japanese character, a line's end */
	if (e < t->n && !(t->cp[e] == ',' || t->cp[e] == '\n' || t->cp[e] >= 0x3000 ||
			  t->cp[e] == '(' || t->cp[e] == ')' || pii__raw_tab(t, e)))
		return 0;
	return e;
}

static int relation_before(const struct pii__text *t, size_t b);

/* 1 when i opens a speaker's place: a line's start or a time in brackets
 * (line_opens()), or a bullet of a list of speakers in minutes (・Cristina：,
 * - Rowena:). */
static int speaker_opens(const struct pii__text *t, size_t i)
{
	size_t k = i;
	if (k > 0 && t->cp[k - 1] == ' ')
		k--;
	if (k > 0 && (t->cp[k - 1] == 0x30FB /* ・ */ || t->cp[k - 1] == 0x2022 /* • */ ||
		      t->cp[k - 1] == '-' || t->cp[k - 1] == '*'))
		return k == 1 || t->cp[k - 2] == '\n';
	return line_opens(t, i);
}

/* 1 for a colon, half- or full-width. */
static int is_colon(uint32_t ch)
{
	return ch == ':' || ch == 0xFF1A;
}

/* The end of a speaker's label that goes on from q + len to a colon on the
 * same line in at most three more Latin words (Putri Ayu Lestari： after
 * Putri：), or 0. */
static size_t label_goes_on(const struct pii__text *t, size_t q)
{
	size_t k = q, words = 0;
	while (k + 1 < t->n && t->cp[k] == ' ' && pii__is_latin_upper(t->cp[k + 1]) && words < 3) {
		k++;
		while (k < t->n && pii__is_latin(t->cp[k]))
			k++;
		words++;
	}
	return words && k < t->n && is_colon(t->cp[k]) ? k : 0;
}

/* 1 when the label [i, e) opens another line of the text before a colon,
 * after a time or a bullet as speaker_opens() allows: the same speaker
 * speaks twice, which a form's one-time label (CONTACT PERSON:) does not. */
static int speaker_repeats_in(const struct pii__text *t, size_t i, size_t e, size_t a, size_t z)
{
	size_t len = e - i;
	/* the first word alone: a speaker named in full once, by the given
	 * name after (fifteenth round (a)) */
	size_t first = i;
	while (first < e && t->cp[first] != ' ')
		first++;
	first -= i;
	/* only the places of the label's first code point (wmemchr) */
	for (size_t q = pii__find_cp(t, a, t->cp[i]); q + first < z;
	     q = pii__find_cp(t, q + 1, t->cp[i])) {
		if (q == i || (q > 0 && pii__is_latin(t->cp[q - 1])))
			continue;
		int same = q + len < t->n && is_colon(t->cp[q + len]) &&
			   memcmp(t->cp + q, t->cp + i, len * sizeof(uint32_t)) == 0;
		/* the same first word, then a colon or more words and one */
		if (!same && memcmp(t->cp + q, t->cp + i, first * sizeof(uint32_t)) == 0 &&
		    t->cp[q + first] != t->cp[i + first])
			same = is_colon(t->cp[q + first]) || label_goes_on(t, q + first);
		if (same && speaker_opens(t, q))
			return 1;
	}
	return 0;
}

/* A chat's speaker in Latin letters (Fernanda：…, NGUYEN VAN AN: …, [14:21]
 * Rowena: …; thirteenth round (a)): one to four capitalised or upper-case
 * words at a speaker's place (speaker_opens()), the last one right before a
 * colon, no word a heading's or a label's (latin_stop, latin_labels), and
 * the same label opening another line of the text. The label's end, or 0;
 * *checks bounds the scans of the text for a second line. */
/* The label of a time-stamped chat line from a (after the time and its
 * space): up to 24 code points to a colon, no sentence's mark; its end
 * (the colon), or 0. */
static size_t stamped_label_end(const struct pii__text *t, size_t a)
{
	size_t k = a;
	while (k < t->n && k - a < 24 && !is_colon(t->cp[k]) && t->cp[k] != '\n' &&
	       t->cp[k] != 0x3002 && t->cp[k] != 0x3001)
		k++;
	return k < t->n && k > a && is_colon(t->cp[k]) ? k : 0;
}

/* The start of a line's label after a time stamp ([14:03] or 14:03 and a
 * space), or t->n when the line opens with no time. */
static size_t stamped_label_start(const struct pii__text *t, size_t ls)
{
	size_t k = ls;
	if (k < t->n && t->cp[k] == '[') {
		while (k < t->n && k - ls < 24 && t->cp[k] != ']' && t->cp[k] != '\n')
			k++;
		if (k >= t->n || t->cp[k] != ']')
			return t->n;
		k++;
	} else {
		while (k < t->n && k - ls < 17 &&
		       ((pii__is_digit(t->cp[k]) && t->cp[k] < 0x80) || t->cp[k] == '/' ||
			t->cp[k] == ':' || t->cp[k] == ' '))
			k++;
		if (k == ls || t->cp[k - 1] != ' ' || k < ls + 5 || !pii__is_digit(t->cp[k - 2]) ||
		    t->cp[k - 4] != ':')
			return t->n;
		return k;
	}
	return k < t->n && t->cp[k] == ' ' ? k + 1 : k;
}

/* 1 when the text is a time-stamped dialogue: three lines or more open
 * with a time and a label before a colon, and one label opens two of
 * them (a timetable's items do not repeat). */
static int stamped_dialogue_in(const struct pii__text *t, size_t a0, size_t z)
{
	size_t starts[16], ends[16], n = 0;
	for (size_t ls = a0; ls < z && n < 16;) {
		size_t a = stamped_label_start(t, ls);
		size_t e = a < t->n ? stamped_label_end(t, a) : 0;
		if (e) {
			starts[n] = a;
			ends[n++] = e;
		}
		ls = pii__line_end(t, ls) + 1;
	}
	if (n < 3)
		return 0;
	for (size_t x = 0; x < n; x++)
		for (size_t y = x + 1; y < n; y++)
			if (ends[x] - starts[x] == ends[y] - starts[y] &&
			    memcmp(t->cp + starts[x], t->cp + starts[y],
				   (ends[x] - starts[x]) * sizeof(uint32_t)) == 0)
				return 1;
	return 0;
}

/* A document's part [a, z) (pii__part_next()) that holds i, walked once
 * as i goes on (*at, *a, *z: 0 before the first ask): a speaker speaks
 * again, and a dialogue is time-stamped, in its own part, not in another
 * pasted text (Ana: once in each of three pasted dialogues). */
static void part_at(const struct pii__text *t, size_t i, size_t *at, size_t *a, size_t *z)
{
	while (*z <= i && *z < t->n)
		if (!pii__part_next(t, at, a, z))
			*a = 0, *z = t->n;
}

static size_t latin_speaker_at(const struct pii__text *t, size_t i, size_t *checks, size_t pa,
			       size_t pz)
{
	size_t j = i, e = i, words = 0;
	int acc;
	for (;;) {
		enum latin_word w = latin_word_at(t, j, &e, &acc);
		if ((w != LW_CAP && w != LW_UPPER) || word_is(t, j, e, latin_labels))
			return 0;
		words++;
		if (e < t->n && is_colon(t->cp[e]))
			break;
		if (words == 4 || e + 1 >= t->n || t->cp[e] != ' ')
			return 0;
		j = e + 1;
	}
	if ((words == 1 && e - i < 3) || (e + 1 < t->n && t->cp[e + 1] == '/') || !*checks)
		return 0;
	--*checks;
	if (speaker_repeats_in(t, i, e, pa, pz))
		return e;
	/* one word that speaks once after a time stamp, in a dialogue
	 * ([10:02] Maria: … among 職員 and 通訳; sixteenth round (a)) */
	if (words == 1 && i > 0 && (t->cp[i - 1] == ' ' || t->cp[i - 1] == ']')) {
		size_t ls = i;
		while (ls > 0 && t->cp[ls - 1] != '\n')
			ls--;
		if (stamped_label_start(t, ls) == i && stamped_dialogue_in(t, pa, pz))
			return e;
	}
	return 0;
}

/* Speakers at most checked for a second line per text. */
#define LATIN_SPEAKER_CHECKS_MAX 16

/* Katakana words that label a chat's or a memo's lines (スタッフ：…,
 * ケアマネ：…, メモ：…): roles and notes, no speakers' names. */
static const char *const kata_labels[] = {
	"スタッフ", "ケアマネ", "ヘルパー", "ボランティア", "オペレーター", "サポート",
	"ユーザー", "ゲスト", "ホスト", "リーダー", "コーチ", "ドクター", "ナース", "メモ",
	"ポイント", "チェック", "ママ", "パパ", "センター", "デスク", "システム", "ボット",
	"チャット", "コメント", "メール", "テーマ", "タイトル", "ステータス", "アドバイス",
	"サービス", "ケース", "ワーカー", "ソーシャルワーカー", "コーディネーター", "カウンセラー",
	"マネージャー", "トレーナー", "インストラクター", "ガイド", "ネット", "アンケート",
	"フロント", "カウンター", "クライアント", "パートナー", "メンバー", "ファミリー", "テスト",
	"コース", "プラン", "メニュー", "オプション", "ファイル", "リンク", "アドレス", "パスワード",
	"エラー", "ヒント", "ルール", "ノート", "レポート", "リスト", "データ", "カテゴリ", "タイプ",
	"モード", "レベル", "グループ", "チーム", "クラス", "イベント", "スケジュール", "ニュース",
	/* a workplace's posts and desks (バイト：, ホール：; session 22's
	 * read files) */
	"バイト", "アルバイト", "パート", "ホール", "キッチン", "レジ", "シェフ", "オーナー",
	/* a timetable's items (sixteenth round (a)) */
	"ランチ", "オープニング", "クロージング", "セッション", "ワークショップ", "ミーティング",
	"ブレイク", "スタート", "ゴール", "レセプション", "ツアー", "セミナー", "フォーラム",
	/* a form's fields, which a document of several forms repeats
	 * (フリガナ：…, マイナンバー：…; documents of many parts) */
	"フリガナ", "マイナンバー", "メールアドレス", "ファックス", "ファクス", "ニックネーム", NULL,
};

/* The line after the colon at e holds a reading and nothing else: katakana
 * words, ・ and spaces (カナ：グエン ヴァン フン). A chat's speaker says
 * something in hiragana, kanji or Latin letters; a form's カナ： field
 * gives the reading of the name above it. */
static int reading_after(const struct pii__text *t, size_t e)
{
	size_t q = e + 1, kata = 0;
	for (; q < t->n && t->cp[q] != '\n'; q++) {
		uint32_t ch = t->cp[q];
		if (pii__is_kata(ch))
			kata++;
		else if (ch != ' ' && ch != 0x30FB /* ・ */)
			return 0;
	}
	return kata > 0;
}

/* The names (PII_PERSON) among the candidates, for person_at(): the names
 * taken in so far by the block of PERSON_BLOCK code points their start
 * falls in, and a Fenwick tree over the blocks that keeps the largest end
 * + 1 (0: none) of the names of the blocks up to each. A question reads
 * the tree for the whole blocks before a place and the names of the block
 * it cuts. A rule makes one (zeroed) and releases it; before each question
 * it takes in the candidates added since the last, so a question costs a
 * logarithm where a loop over every candidate made a document's cost grow
 * with the square of its length (the blocks keep the arrays to clear
 * small). It holds because the rules of this file only add candidates: none
 * changes a candidate's type or bounds (they lower a confidence at most). */
#define PERSON_BLOCK 32

struct person_index {
	size_t *tree; /* [1, blocks] */
	size_t *head; /* a block's first name taken in: 1 + its index, 0: none */
	size_t *next; /* a name's next in its block (the same) */
	size_t blocks, synced, cap;
	int linear;   /* a start beyond the text, or after the end: loops */
};

static void person_index_release(struct person_index *x)
{
	free(x->tree);
	free(x->head);
	free(x->next);
}

static void person_index_sync(struct person_index *x, const struct pii__text *t,
			      const struct pii__cands *c)
{
	if (!x->tree) {
		x->blocks = t->n / PERSON_BLOCK + 1;
		x->tree = yk_xcalloc(x->blocks + 1, sizeof(*x->tree));
		x->head = yk_xcalloc(x->blocks, sizeof(*x->head));
	}
	if (c->n > x->cap) {
		x->cap = c->n + c->n / 2 + 16;
		x->next = yk_xrealloc(x->next, x->cap * sizeof(*x->next));
	}
	for (; x->synced < c->n && !x->linear; x->synced++) {
		const struct pii_span *v = &c->v[x->synced];
		if (v->type != PII_PERSON)
			continue;
		size_t blk = v->start / PERSON_BLOCK;
		if (blk >= x->blocks || v->end < v->start) {
			x->linear = 1;
			break;
		}
		for (size_t i = blk + 1; i <= x->blocks; i += i & (~i + 1))
			if (x->tree[i] < v->end + 1)
				x->tree[i] = v->end + 1;
		x->next[x->synced] = x->head[blk];
		x->head[blk] = x->synced + 1;
	}
}

/* The largest end + 1 of the names that start before lim (0: none). */
static size_t person_index_maxend(const struct person_index *x, const struct pii__cands *c,
				  size_t lim)
{
	size_t cut = lim / PERSON_BLOCK, m = 0;
	for (size_t i = cut < x->blocks ? cut : x->blocks; i > 0; i &= i - 1)
		if (x->tree[i] > m)
			m = x->tree[i];
	if (cut >= x->blocks)
		return m;
	for (size_t k = x->head[cut]; k; k = x->next[k - 1])
		if (c->v[k - 1].start < lim && c->v[k - 1].end + 1 > m)
			m = c->v[k - 1].end + 1;
	return m;
}

/* A name holds [s, e): start <= s and end >= e. */
static int person_at(struct person_index *x, const struct pii__text *t, const struct pii__cands *c,
		     size_t s, size_t e)
{
	person_index_sync(x, t, c);
	if (x->linear) {
		for (size_t k = 0; k < c->n; k++)
			if (c->v[k].type == PII_PERSON && c->v[k].start <= s && c->v[k].end >= e)
				return 1;
		return 0;
	}
	return person_index_maxend(x, c, s + 1) >= e + 1;
}

/* The names inside [s, e) (start >= s and end <= e; not one that is [s, e)
 * itself when whole_stays) give way to a name over [s, e) the rule adds:
 * their confidence goes down to 0.01. They start in [s, e]: the blocks'
 * lists hold them. */
static void person_parts_give_way(struct person_index *x, const struct pii__text *t,
				  struct pii__cands *c, size_t s, size_t e, int whole_stays)
{
	person_index_sync(x, t, c);
	if (x->linear) {
		for (size_t k = 0; k < c->n; k++) {
			struct pii_span *v = &c->v[k];
			if (v->type == PII_PERSON && v->start >= s && v->end <= e &&
			    !(whole_stays && v->start == s && v->end == e))
				v->confidence = 0.01;
		}
		return;
	}
	for (size_t blk = s / PERSON_BLOCK; blk <= e / PERSON_BLOCK && blk < x->blocks; blk++)
		for (size_t k = x->head[blk]; k; k = x->next[k - 1]) {
			struct pii_span *v = &c->v[k - 1];
			if (v->start >= s && v->end <= e &&
			    !(whole_stays && v->start == s && v->end == e))
				v->confidence = 0.01;
		}
}

/* A name overlaps [s, e): start < e and end > s. */
static int person_overlaps(struct person_index *x, const struct pii__text *t,
			   const struct pii__cands *c, size_t s, size_t e)
{
	person_index_sync(x, t, c);
	if (x->linear) {
		for (size_t k = 0; k < c->n; k++)
			if (c->v[k].type == PII_PERSON && c->v[k].start < e && c->v[k].end > s)
				return 1;
		return 0;
	}
	return person_index_maxend(x, c, e) > s + 1;
}

/* A chat's speaker in katakana who speaks twice (マリア：…, [10:01] アユシュ:
 * …; thirteenth round (a)): one to three katakana words parted by a space
 * or ・ at a speaker's place (speaker_opens()), right before a colon, no
 * role's or note's word (kata_labels), and the same label opening another
 * line of the text. */
static void kata_speakers(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	size_t checks = LATIN_SPEAKER_CHECKS_MAX;
	/* the part [pa, pz) of a document that i is in (pii__part_next(),
	 * walked once as i goes on): the label speaks again in its own
	 * part, not in another pasted text (アシスタント： of two pasted
	 * chats with an assistant, チャンネル： heading two pasted logs) */
	size_t at = 0, pa = 0, pz = 0;
	for (size_t i = 0; i < t->n && checks; i++) {
		if (!pii__is_kata(t->cp[i]) || t->cp[i] == 0x30FB || t->cp[i] == 0x30FC ||
		    (i > 0 && (pii__is_kata(t->cp[i - 1]) || t->cp[i - 1] == 0x30FB)) ||
		    !speaker_opens(t, i))
			continue;
		size_t e = i, words = 0;
		int label = 0;
		while (words < 3) {
			size_t w = e;
			while (e < t->n && pii__is_kata(t->cp[e]) && t->cp[e] != 0x30FB &&
			       e - w < 12)
				e++;
			if (e - w < 2)
				break;
			label |= word_is(t, w, e, kata_labels);
			words++;
			if (e + 1 < t->n && (t->cp[e] == ' ' || t->cp[e] == 0x30FB) &&
			    pii__is_kata(t->cp[e + 1]))
				e++;
			else
				break;
		}
		if (!words || label || e >= t->n || t->cp[e] != ':' || person_at(&px, t, c, i, e) ||
		    reading_after(t, e))
			continue;
		checks--;
		size_t ls = i;
		while (ls > 0 && t->cp[ls - 1] != '\n')
			ls--;
		part_at(t, i, &at, &pa, &pz);
		/* or once after a time stamp in a dialogue (sixteenth round (a)) */
		if (speaker_repeats_in(t, i, e, pa, pz) ||
		    (stamped_label_start(t, ls) == i && stamped_dialogue_in(t, pa, pz)))
			pii__cand_add(c, t, i, e, PII_PERSON, 0.85);
	}
	person_index_release(&px);
}

/* Portuguese Sou (I am) opening a sentence before a capitalised word: an
 * introduction, whose verb is no part of the name (Oi, tudo bem? Sou
 * Fernanda Oliveira Santos.; fourteenth round (a)). */
/* Words of address that open a capitalised run before the name they
 * stand before (Tadi Pak Budi, A Dona Maria, Si Kuya Mark): not the
 * name's words. Vietnamese Anh is a given name's word too (Ngoc Anh). */
static const char *const address_words[] = {"Pak ", "Bu ", "Ibu ", "Bapak ", "Dona ", "Doña ",
					    "Señora ", "Señor ", "Aling ", "Mang ", "Ate ",
					    "Kuya ", NULL};

/* Vietnamese words of kin and address that stand before a person's name
 * (Em Đạt, Anh Tuấn, Chị Hoa, bé Minh); em is Portuguese "in" too, so
 * they count only on a line that is Vietnamese (vi_line()). */
static const char *const vi_kin[] = {"Em ", "em ", "Anh ", "anh ", "Chị ", "chị ", "Bé ",
				     "bé ", "Cháu ", "cháu ", "Cô ", "cô ", "Chú ", "chú ",
				     "Ông ", "ông ", "Bà ", "bà ", NULL};

/* 1 when the line around i holds a letter only Vietnamese writes (ơ, ư,
 * đ, or a vowel with a tone mark of U+1EA0-U+1EF9). */
static int vi_line(const struct pii__text *t, size_t i)
{
	size_t a = i;
	while (a > 0 && t->cp[a - 1] != '\n' && i - a < 200)
		a--;
	for (size_t k = a; k < t->n && t->cp[k] != '\n' && k - a < 400; k++) {
		uint32_t ch = t->cp[k];
		if ((ch >= 0x1EA0 && ch <= 0x1EF9) || ch == 0x01A0 || ch == 0x01A1 ||
		    ch == 0x01AF || ch == 0x01B0 || ch == 0x0110 || ch == 0x0111)
			return 1;
	}
	return 0;
}

/* 1 when a word of vi_kin ends right before i, on a Vietnamese line
 * (sixteenth round (a)). */
static int vi_kin_before(const struct pii__text *t, size_t i)
{
	size_t dist = 1;
	return i >= 3 && t->cp[i - 1] == ' ' && pii__find_before(t, i, 6, vi_kin, &dist) >= 0 &&
	       dist == 0 && vi_line(t, i);
}

static int latin_intro_verb(const struct pii__text *t, size_t i, size_t e)
{
	if (e - i != 3 || !pii__match(t, i, "Sou") || e + 1 >= t->n || t->cp[e] != ' ' ||
	    !pii__is_latin_upper(t->cp[e + 1]))
		return 0;
	size_t b = i;
	while (b > 0 && t->cp[b - 1] == ' ')
		b--;
	return b == 0 || t->cp[b - 1] == '\n' || t->cp[b - 1] == '.' || t->cp[b - 1] == '?' ||
	       t->cp[b - 1] == '!' || t->cp[b - 1] == ',' || t->cp[b - 1] == ':';
}

/* A name's suffix written with a full stop (Jr., Sr.). */
static const char *const latin_suffixes[] = {"Jr", "Sr", "JR", "SR", NULL};

/* The closing words of a letter or a message before its signature
 * (Thank you, Joy; Regards,⏎Maria): 1 when one ends, with a comma and a
 * space or a line break, right before i. */
static const char *const latin_closings[] = {
	/* closings of two words first (Best regards, Budi; sixteenth round (a)) */
	"Best regards", "Kind regards", "Warm regards", "Best wishes", "Many thanks",
	"Thank you", "thank you", "Thanks", "Regards", "regards", "Sincerely", "Best",
	"Cheers", "Obrigada", "Obrigado", "Gracias", "Salamat", "Salamat po", "Cảm ơn",
	"Terima kasih", NULL,
};

static const char *const closing_not_names[] = {"All", "Sir", "Everyone", "Again", "Team",
						"Madam", "Guys", NULL};

static int closing_before(const struct pii__text *t, size_t i, size_t e)
{
	if (i < 3 || (t->cp[i - 1] != ' ' && t->cp[i - 1] != '\n') || t->cp[i - 2] != ',')
		return 0;
	size_t b = i - 2, lo = b > 16 ? b - 16 : 0;
	size_t l = pii__ends_with(t, lo, b, latin_closings);
	if (!l)
		return 0;
	b -= l; /* the closing opens its line or a sentence */
	while (b > 0 && t->cp[b - 1] == ' ')
		b--;
	return (b == 0 || t->cp[b - 1] == '\n' || t->cp[b - 1] == '.' || t->cp[b - 1] == '!') &&
	       !word_is(t, i, e, closing_not_names);
}

/* Relations and "name" in Nepali and Hindi before a Latin given name in a
 * sentence in Devanagari (छोरा Aarav को स्कूल: my son Aarav's school). */
static const char *const deva_relations[] = {"छोरा ", "छोरी ", "श्रीमान ", "श्रीमती ", "बुबा ",
					     "आमा ", "नाम ", "बेटा ", "बेटी ", "पति ", "पत्नी ",
					     NULL};

/* Minutes call a member by the seat's number: a digit, 番 and 、 right
 * before i (次に、14番、Filomena…; not a space: 3番 Exit). */
static int seat_before(const struct pii__text *t, size_t i)
{
	return i >= 3 && t->cp[i - 1] == 0x3001 &&
	       t->cp[i - 2] == 0x756A /* 番 */ && pii__is_digit(t->cp[i - 3]);
}

/* Words that open a Tagalog answer before po and are no names (Opo,
 * Salamat po, Sige po…). */
static const char *const po_not_names[] = {
	"Opo", "Salamat", "Sige", "Hindi", "Wala", "Meron", "Mayroon", "Magandang", "Pasensya",
	"Paano", "Ano", "Saan", "Kailan", "Bakit", "Pwede", "Puwede", "Ako", "Kami", "Siya",
	"Tama", "Mali", "Naku", "Ayos", "Teka", "Sandali", "Dito", "Doon", "Ngayon", "Bukas",
	"Kahapon", "Talaga", "Okay", "Sorry", "Good", "Yes", "Sir", "Maam", "Ate", "Kuya",
	"Nanay", "Tatay", "Lola", "Lolo", "Oo", "Kasi", "Lang", "Hello", "Noted", "Sure",
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
	"February", "March", "April", "June", "July", "August", "September", "October",
	"November", "December", "Morning", "Afternoon", "Tomorrow", "Today", "Yesterday", "Lunes",
	"Martes", "Miyerkules", "Huwebes", "Biyernes", "Sabado", "Linggo", NULL,
};

/* A chat's answer that is a name and po (Tagalog's word of respect): one
 * capitalised word right after a speaker's colon, then po and a comma or
 * a full stop (相談者：Kenji po, July 9, 2023.). */
static int po_answer(const struct pii__text *t, size_t i, size_t e)
{
	size_t b = i;
	if (b > 0 && t->cp[b - 1] == ' ')
		b--;
	if (b == 0 || (t->cp[b - 1] != ':' && t->cp[b - 1] != 0xFF1A) || e + 4 > t->n ||
	    !pii__match(t, e, " po") || (t->cp[e + 3] != ',' && t->cp[e + 3] != '.'))
		return 0;
	return !word_is(t, i, e, po_not_names);
}

/* 1 when i follows a role's word in Japanese at a speaker's place, then a
 * space ([10:16] 相談者 LE MINH TUAN: …, 14:02 申請者 NGUYEN VAN AN: …): a
 * name in capitals there runs to the colon, whose last word is no field's
 * label (fifteenth round (a)). */
static int unit_speaker_opens(const struct pii__text *t, size_t i)
{
	if (i < 3 || t->cp[i - 1] != ' ')
		return 0;
	size_t k = i - 1, n = 0;
	while (k > 0 && n < 6 && (pii__is_kanji(t->cp[k - 1]) || pii__is_kata(t->cp[k - 1])))
		k--, n++;
	return n >= 2 && line_opens(t, k);
}

/* Labels of a list of children in the languages of foreign residents'
 * letters and forms, each child a given name and an age in brackets
 * (Filhos: Gabriel (8), Sofia (5); Children: Mia (3); fifteenth round (a)). */
static const char *const latin_children[] = {
	"Filhos: ", "Filhas: ", "Filho: ", "Filha: ", "Children: ", "Kids: ", "Hijos: ",
	"Hijas: ", "Hijo: ", "Hija: ", "Mga anak: ", "Anak: ", "Con: ", "Các con: ", "Enfants: ",
	"Kinder: ", NULL,
};

/* 1 when the word [i, e) is an item of a list of children: an age in
 * brackets after it, and before it the list's label or earlier items
 * (a word, an age in brackets and a comma) back to the label. */
static int child_item(const struct pii__text *t, size_t i, size_t e)
{
	size_t k = e;
	if (k < t->n && t->cp[k] == ' ')
		k++;
	if (k + 1 >= t->n || t->cp[k] != '(' || !pii__is_digit(t->cp[k + 1]))
		return 0;
	size_t b = i;
	for (int items = 0; items < 8; items++) {
		size_t fdist = 1;
		if (pii__find_before(t, b, 16, latin_children, &fdist) >= 0 && fdist == 0)
			return 1;
		/* an earlier item: "Name (n), " */
		if (b < 8 || t->cp[b - 1] != ' ' || t->cp[b - 2] != ',' || t->cp[b - 3] != ')')
			return 0;
		b -= 3;
		while (b > 0 && pii__is_digit(t->cp[b - 1]))
			b--;
		if (b < 2 || t->cp[b - 1] != '(')
			return 0;
		b--;
		if (t->cp[b - 1] == ' ')
			b--;
		size_t we = b;
		while (b > 0 && pii__is_latin(t->cp[b - 1]) && we - b < 20)
			b--;
		if (b == we || !pii__is_latin_upper(t->cp[b]))
			return 0;
	}
	return 0;
}

/* Words of a chat's question that asks for a name (お子さんのお名前は？,
 * What is your name?, Qual é o nome?). */
static const char *const name_questions[] = {"名前", "氏名", "name", "Name", "nome", "Nome",
					       "nombre", "pangalan", "tên", "nama", NULL};

/* First words of an answer that is no name: greetings and sentences
 * (Bom dia, Good morning, Xin chào, My name is… which latin_relations
 * reads). */
static const char *const answer_not_names[] = {
	"Bom", "Boa", "Good", "Magandang", "Xin", "Selamat", "Hello", "Hi", "Buenos", "Buenas",
	"Thank", "Thanks", "Yes", "No", "Ok", "Okay", "Sorry", "My", "It", "I", "Obrigado",
	"Obrigada", "Salamat", "Terima", "Please", "Wait", "Sim", "Opo", "Oo", "Da", "Vâng", NULL,
};

/* 1 when i opens a chat line's answer, right after its speaker's colon,
 * and the line before asks for a name (14:03 職員: お名前は？ / 14:05
 * Marites: Tanaka Jericho, 2022/06/19; fifteenth round (a)). */
static int answer_to_name(const struct pii__text *t, size_t i)
{
	size_t b = i, we = i;
	while (we < t->n && pii__is_latin(t->cp[we]))
		we++;
	if (word_is(t, i, we, answer_not_names))
		return 0;
	if (b > 0 && t->cp[b - 1] == ' ')
		b--;
	if (b == 0 || !is_colon(t->cp[b - 1]))
		return 0;
	size_t ls = b - 1;
	while (ls > 0 && t->cp[ls - 1] != '\n' && b - ls < 48)
		ls--;
	if (ls == 0 || t->cp[ls - 1] != '\n')
		return 0;
	size_t pe = ls - 1, ps = pe;
	while (ps > 0 && t->cp[ps - 1] != '\n' && pe - ps < 160)
		ps--;
	for (size_t q = ps; q < pe; q++)
		if (pii__match_any(t, q, name_questions))
			return 1;
	return 0;
}

/* 1 when the lower-case word ending at sp (a space) is a name's particle
 * (de Souza, Maria Clara), which may open a name written surname first. */
static int latin_particle_before(const struct pii__text *t, size_t sp)
{
	size_t a = sp;
	while (a > 0 && pii__is_latin(t->cp[a - 1]) && sp - a <= 5)
		a--;
	return a < sp && (a == 0 || !pii__is_latin(t->cp[a - 1])) && word_is(t, a, sp, particles);
}

static void detect_latin(const struct pii__text *t, struct pii__cands *c)
{
	size_t speaker_checks = LATIN_SPEAKER_CHECKS_MAX;
	size_t at = 0, pa = 0, pz = 0; /* i's part (part_at()) */
	for (size_t i = 0; i < t->n; i++) {
		if (!pii__is_latin(t->cp[i]) || (i > 0 && (pii__is_alnum(t->cp[i - 1]) ||
							  pii__is_latin(t->cp[i - 1]))))
			continue;
		size_t e = 0;
		int accent = 0, acc;
		size_t ie0 = i + 1 < t->n && t->cp[i + 1] == '.' ? initials_name_at(t, i) : 0;
		if (ie0) {
			pii__cand_add(c, t, i, ie0, PII_PERSON, 0.85);
			i = ie0 - 1;
			continue;
		}
		if (pii__is_latin_upper(t->cp[i]) && speaker_opens(t, i)) {
			part_at(t, i, &at, &pa, &pz);
			size_t se = latin_speaker_at(t, i, &speaker_checks, pa, pz);
			if (se) {
				pii__cand_add(c, t, i, se, PII_PERSON, 0.9);
				i = se - 1;
				continue;
			}
		}
		enum latin_word w = latin_word_at(t, i, &e, &acc);
		if (w != LW_CAP && w != LW_UPPER) {
			while (i + 1 < t->n && pii__is_latin(t->cp[i + 1]))
				i++;
			continue;
		}
		if (w == LW_CAP && latin_intro_verb(t, i, e)) {
			i = e; /* Sou Fernanda Oliveira Santos: the name after it */
			continue;
		}
		/* Em Đạt bị…, Pak Budi, Dona Maria: the kin's word or the word
		 * of address is not the name's (sixteenth round (a)) */
		if (w == LW_CAP && e + 1 < t->n && t->cp[e] == ' ' &&
		    pii__is_latin_upper(t->cp[e + 1]) &&
		    ((vi_kin_before(t, e + 1) && !pii__match(t, i, "Anh ")) ||
		     pii__match_any(t, i, address_words) == e + 1 - i)) {
			i = e;
			continue;
		}
		size_t words = 1, upper = w == LW_UPPER, comma = 0, end = e, last_start = i;
		accent = acc;
		size_t j = e;
		while (words < 6 && j + 1 < t->n) {
			size_t k = j;
			if (t->cp[k] == ',' && !comma && k + 2 < t->n && t->cp[k + 1] == ' ')
				k += 2, comma = 1;
			else if (t->cp[k] == ' ' && !pii__raw_tab(t, k))
				k++; /* a tab parts two cells (RODRIGUES Marcia<TAB>BRA) */
			else if (t->cp[k] == '-' && k + 1 < t->n && pii__is_latin_upper(t->cp[k + 1]))
				k++, words--; /* Al-Rashid: one word */
			else
				break;
			size_t e2;
			enum latin_word w2 = latin_word_at(t, k, &e2, &acc);
			/* one letter after the comma is the next clause's "I"
			 * (this is Kayla Brooks, I live…; session 21), not a
			 * given name */
			if (comma && k == j + 2 && t->cp[j] == ',' && e2 == k + 1 && t->cp[k] == 'I') {
				comma = 0;
				break;
			}
			/* a word of address opens the next name (Tadi Pak Budi) */
			if (w2 == LW_CAP && e2 + 1 < t->n && t->cp[e2] == ' ' &&
			    pii__is_latin_upper(t->cp[e2 + 1]) &&
			    pii__match_any(t, k, address_words) == e2 + 1 - k)
				break;
			/* a word before a colon is the next field's label
			 * (DELA CRUZ, Kristine Joy　Child: Aliyah, ninth round) */
			if (w2 != LW_NONE && e2 < t->n && t->cp[e2] == ':' &&
			    !(comma && line_opens(t, i)) &&
			    !(((w2 == LW_UPPER && upper == words) ||
			       /* a name in capitalised words after a role too
				* ([11:20] 通訳 Nguyễn Thị Thu: …, sixteenth
				* round (a)) */
			       (w2 == LW_CAP && !upper && !word_is(t, k, e2, latin_labels))) &&
			      unit_speaker_opens(t, i))) {
				break;
			}
			if (w2 == LW_NONE) {
				/* a middle initial: between two name words, or
				 * after a surname, a comma and a given name */
				size_t ie = latin_initial(t, k), e3;
				int a3;
				if (!ie || (!comma && !(ie + 1 < t->n && t->cp[ie] == ' ' &&
						       latin_word_at(t, ie + 1, &e3, &a3) == LW_CAP)))
					break;
				j = end = ie;
				continue;
			}
			if (w2 == LW_PARTICLE) {
				/* a particle only between two name words */
				size_t e3;
				int a3;
				if (e2 + 1 >= t->n || t->cp[e2] != ' ' ||
				    latin_word_at(t, e2 + 1, &e3, &a3) < LW_CAP ||
				    latin_word_at(t, e2 + 1, &e3, &a3) == LW_PARTICLE)
					break;
				j = e2;
				continue;
			}
			words++;
			upper += w2 == LW_UPPER;
			accent |= acc;
			if (w2 == LW_CAP)
				e2 = hyphen_syllable(t, e2);
			/* a short word's full stop before a particle and a name
			 * word (Carmen Torres Vda. de Chávez, Ana Souza Sra. da
			 * Costa: a widow's or wife's marker; twenty-second round
			 * (a)): the name goes on past it */
			size_t e4;
			int a4;
			if (w2 == LW_CAP && e2 - k <= 4 && e2 + 2 < t->n && t->cp[e2] == '.' &&
			    t->cp[e2 + 1] == ' ' &&
			    latin_word_at(t, e2 + 2, &e4, &a4) == LW_PARTICLE)
				e2++;
			last_start = k;
			j = end = e2;
		}
		/* a suffix's full stop (Villanueva, Roberto Jr.) */
		if (words >= 2 && end + 1 <= t->n && end < t->n && t->cp[end] == '.' &&
		    word_is(t, last_start, end, latin_suffixes))
			end++;
		size_t cue_len, fdist = 1;
		int honorific = cue_after(t, end, &cue_len) == 2;
		int cue = honorific || pii__find_before(t, i, 14, latin_before, NULL) >= 0 ||
			  label_before(t, i) == 1 || person_field_before(t, i);
		/* a relation or an introduction right before two or more words
		 * (mother of Jhon Carlo, si John Paul; thirteenth round (a)) */
		if (!cue && words >= 2 && i >= 3 && t->cp[i - 1] == ' ' &&
		    pii__find_before(t, i, 16, latin_relations, &fdist) >= 0 && fdist == 0)
			cue = 1;
		double conf = 0;
		if (words >= 2 && honorific)
			conf = 0.96; /* SANTOS Maria 様: above MeCab's Maria + 様 */
		else if (words >= 2 && upper && !(upper == words && words == 2 && end - i <= 5))
			conf = 0.9; /* passport style; not two short acronyms (EU UK) */
		else if (words >= 2 && cue)
			conf = 0.9;
		else if (words >= 3 && accent)
			conf = 0.8;
		else if (words >= 3 && comma &&
			 /* not inside a phrase of Latin words (…para Extranjeros,
			  * Ciudad de Oyama; twenty-second round (a)) */
			 !(i >= 2 && t->cp[i - 1] == ' ' && pii__is_latin(t->cp[i - 2]) &&
			   !pii__is_latin_upper(t->cp[i - 2]) && !latin_particle_before(t, i - 1)))
			conf = 0.85; /* Oliveira, Carlos Eduardo: surname, given names */
		else if (words == 1 && honorific && end - i >= 3)
			conf = 0.85;
		else if (words == 1 && w == LW_CAP && end - i >= 3 && end + 1 < t->n &&
			 t->cp[end] == 0x5BB6 /* 家 */ && !pii__is_kanji(t->cp[end + 1]))
			conf = 0.8; /* a family: Reyes家（フィリピン）, ninth round */
		else if (words == 1 && w == LW_CAP && end - i >= 3 && i >= 2 &&
			 t->cp[i - 1] == 0x306E /* の */ && t->cp[i - 2] == 0x7C4D /* 籍 */)
			conf = 0.8; /* フィリピン国籍のRosalie, ninth round */
		else if (words == 1 && w == LW_CAP && end - i >= 3 && i >= 4 && t->cp[i - 1] == ' ' &&
			 pii__is_latin(t->cp[i - 2]) && !pii__is_latin_upper(t->cp[i - 2]) &&
			 pii__find_before(t, i, 16, latin_relations, &fdist) >= 0 && fdist == 0)
			conf = 0.85; /* My son Gabriel (twelfth round (a)), minha filha Isabela */
		else if (words == 1 && w == LW_CAP && end - i >= 3 && relation_before(t, i) &&
			 (end == t->n || t->cp[end] == '(' || t->cp[end] == 0x3001 ||
			  t->cp[end] == '\n' ||
			  (end + 1 < t->n && t->cp[end] == ' ' && pii__is_hira(t->cp[end + 1]))))
			conf = 0.85; /* 夫：Pradeep（…）, 児童 Rohan（…） (twelfth round (a)),
				      * 夫 Darwin は… (fifteenth round (a)) */
		else if (words == 1 && w == LW_CAP && end - i >= 3 && vi_kin_before(t, i))
			conf = 0.85; /* Em Đạt bị tai nạn, chị Hoa (sixteenth round (a)) */
		else if (words == 1 && w == LW_CAP && end - i >= 3 && child_item(t, i, end))
			conf = 0.85; /* Filhos: Gabriel (8), Sofia (5) (fifteenth round (a)) */
		else if (end - i >= 2 && pii__find_before(t, i, 16, latin_fields, &fdist) >= 0 && fdist == 0)
			conf = 0.85; /* Surname: ZHANG */
		else if (words == 1 && w == LW_CAP && end - i >= 3 && i >= 3 && t->cp[i - 1] == ' ' &&
			 t->cp[i - 2] >= 0x0900 && t->cp[i - 2] <= 0x097F &&
			 pii__find_before(t, i, 12, deva_relations, &fdist) >= 0 && fdist == 0)
			conf = 0.85; /* छोरा Aarav को (fourteenth round (a)) */
		else if (w == LW_CAP && end - i >= 3 && seat_before(t, i))
			conf = 0.85; /* 14番、Filomena (fourteenth round (a)) */
		else if (words == 1 && w == LW_CAP && end - i >= 3 && po_answer(t, i, end))
			conf = 0.85; /* 相談者：Kenji po, July 9 (fourteenth round (a)) */
		else if (words == 1 && w == LW_CAP && end - i >= 3 && closing_before(t, i, end) &&
			 (end == t->n || t->cp[end] == '\n'))
			conf = 0.85; /* Thank you, Joy (fourteenth round (a)) */
		else if (words == 1 && end - i >= 3 &&
			 !(end + 1 < t->n && t->cp[end] == ' ' && pii__is_latin_upper(t->cp[end + 1])) &&
			 pii__find_before(t, i, 6, latin_titles, &fdist) >= 0 && fdist == 0)
			conf = 0.85; /* Mr. Tanaka, Dear Ms. Kobayashi (ninth round) */
		else if (words >= 2 && words <= 4 && !upper && answer_to_name(t, i))
			conf = 0.85; /* お名前は？ / Marites: Tanaka Jericho (fifteenth round (a)) */
		else if (words >= 2 && !comma && latin_in_japanese(t, i, end))
			/* 技能実習生…、Dewi Lestari、Agus Santoso。; glued to the
			 * role or relation before it (母Maria Cristina Lopez,
			 * 利用者Ana Costa), the whole run is the name, above a
			 * one-word reading of its first word (twenty-second
			 * round (a)) */
			conf = i > 0 && pii__is_kanji(t->cp[i - 1]) ? 0.86 : 0.8;
		else if (words >= 2 && words <= 4 && !comma && !upper &&
			 (word_is(t, i, e, latin_family) ||
			  word_is(t, last_start, end, latin_family)))
			conf = 0.8; /* Tran Van Duc, Ferreira Lucas (thirteenth round (a)) */
		/* a product and its model number (Chromebook CB-11A, twelfth
		 * round (a)) */
		if (end + 1 < t->n && t->cp[end] == '-' && pii__is_digit(t->cp[end + 1]))
			conf = 0;
		/* parts of an address abroad written with commas (…, quận Cầu
		 * Giấy, Hà Nội; Pokhara-8, Kaski, Gandaki Province, Nepal;
		 * twentieth round (a)): another Latin part before or after */
		size_t pw = i; /* before a lower-case word of the address (quận) */
		if (pw >= 2 && t->cp[pw - 1] == ' ' && pii__is_latin(t->cp[pw - 2]) &&
		    !pii__is_latin_upper(t->cp[pw - 2])) {
			size_t q = pw - 1;
			while (q > 0 && pii__is_latin(t->cp[q - 1]) && !pii__is_latin_upper(t->cp[q - 1]))
				q--;
			if (q > 0 && !pii__is_latin(t->cp[q - 1]))
				pw = q;
		}
		if (comma && ((pw >= 3 && t->cp[pw - 1] == ' ' && t->cp[pw - 2] == ',' &&
			       pii__is_latin(t->cp[pw - 3])) ||
			      (end + 2 < t->n && t->cp[end] == ',' && t->cp[end + 1] == ' ' &&
			       pii__is_latin_upper(t->cp[end + 2]))))
			conf = 0;
		/* above MeCab's reading of a part of it (Maria alone after 申請者) */
		if (conf > 0)
			pii__cand_add(c, t, i, end, PII_PERSON, conf);
		i = end > i ? end - 1 : i;
	}
}

/* ---- Chinese names in simplified characters (twelfth round (a)) ------------ */

/* Common Chinese surnames in their simplified forms, which Japanese text
 * does not use (刘 for 劉, 张 for 張, 陈 for 陳): ENAMDICT lists only the
 * Japanese forms, so a name written in simplified characters (张丽, 刘 芳)
 * was never a surname there. Sorted code points: 严冯刘卢吕吴孙张杨汤潘罗苏范蒋薛袁覃许谢谭贺贾赵邓邱邵邹郑钟钱闫阎陆陈韦韩顾马龙龚. */
static const uint16_t zh_surnames[] = {
	0x4E25, 0x51AF, 0x5218, 0x5362, 0x5415, 0x5434, 0x5B59, 0x5F20, 0x6768, 0x6C64, 0x6F58,
	0x7F57, 0x82CF, 0x8303, 0x848B, 0x859B, 0x8881, 0x8983, 0x8BB8, 0x8C22, 0x8C2D, 0x8D3A,
	0x8D3E, 0x8D75, 0x9093, 0x90B1, 0x90B5, 0x90B9, 0x90D1, 0x949F, 0x94B1, 0x95EB, 0x960E,
	0x9646, 0x9648, 0x97E6, 0x97E9, 0x987E, 0x9A6C, 0x9F99, 0x9F9A,
};

/* Common Chinese and Korean surnames of one kanji in the forms Japanese
 * text writes them (陳, 劉, 孫, 韓, 崔, 朴…; thirteenth round (a)), leaving
 * out those that are also common words a table could space before two
 * kanji (何, 申, 車, 段…): written before a space and a given name of two
 * kanji they are a name by their shape alone (one_kanji_surname_names()).
 * ENAMDICT lists several of them (孫, 韓) not at all; 吳 and 黃 are the
 * traditional forms Taiwanese residents write (eighteenth round (a)). Sorted code points:
 * 侯傅兪劉卞厳呂呉周唐喬嚴姚姜孔孫宋尹崔廖張彭徐戴曹朱朴李杜林柳梁楊権殷汪沈洪潘玄王盧禹秦羅胡范葉董蒋蔡蕭薛蘇袁裴裵許謝賀賈賴趙邱郭鄒鄧鄭金鍾閔閻陳韋韓頼顧馮魏魯黄黎龔. */
static const uint16_t cjk_surnames[] = {
	0x4FAF, 0x5085, 0x516A, 0x5289, 0x535E, 0x53B3, 0x5433, 0x5442, 0x5449, 0x5468, 0x5510, 0x55AC,
	0x56B4, 0x59DA, 0x59DC, 0x5B54, 0x5B6B, 0x5B8B, 0x5C39, 0x5D14, 0x5ED6, 0x5F35, 0x5F6D,
	0x5F90, 0x6234, 0x66F9, 0x6731, 0x6734, 0x674E, 0x675C, 0x6797, 0x67F3, 0x6881, 0x694A,
	0x6A29, 0x6BB7, 0x6C6A, 0x6C88, 0x6D2A, 0x6F58, 0x7384, 0x738B, 0x76E7, 0x79B9, 0x79E6,
	0x7F85, 0x80E1, 0x8303, 0x8449, 0x8463, 0x848B, 0x8521, 0x856D, 0x859B, 0x8607, 0x8881,
	0x88F4, 0x88F5, 0x8A31, 0x8B1D, 0x8CC0, 0x8CC8, 0x8CF4, 0x8D99, 0x90B1, 0x90ED, 0x9112,
	0x9127, 0x912D, 0x91D1, 0x937E, 0x9594, 0x95BB, 0x9673, 0x97CB, 0x97D3, 0x983C, 0x9867,
	0x99AE, 0x9B4F, 0x9B6F, 0x9EC3, 0x9EC4, 0x9ECE, 0x9F94,
};

/* zh_surnames and cjk_surnames as bitmaps over the BMP, filled once with
 * the labels' tables (label_pair_build()): one load a look-up. */
static uint8_t zh_map[0x10000 / 8], cjk_map[0x10000 / 8];

static void zh_map_build(void)
{
	for (size_t k = 0; k < YK_ARRAY_LEN(zh_surnames); k++)
		zh_map[zh_surnames[k] / 8] |= (uint8_t)(1u << (zh_surnames[k] % 8));
	for (size_t k = 0; k < YK_ARRAY_LEN(cjk_surnames); k++)
		cjk_map[cjk_surnames[k] / 8] |= (uint8_t)(1u << (cjk_surnames[k] % 8));
}

/* A surname of zh_surnames or cjk_surnames. */
static int cjk_surname(uint32_t c)
{
	return c < 0x10000 && ((cjk_map[c / 8] | zh_map[c / 8]) >> (c % 8) & 1);
}

int pii__cjk_surname(uint32_t c) { return cjk_surname(c); }

static int zh_mark(uint32_t c) { return c < 0x10000 && (zh_map[c / 8] >> (c % 8) & 1); }

static int zh_surname(uint32_t c) { return zh_mark(c); }

/* 0 when the text's cues show none of zh_surnames. */
static int zh_may(const struct pii__text *t)
{
	for (size_t k = 0; k < YK_ARRAY_LEN(zh_surnames); k++)
		if (pii__may_have(t, zh_surnames[k]))
			return 1;
	return 0;
}

/* The Chinese name of one to three characters starting at i, when it
 * ends before a colon, punctuation, a space or a bracket: its end, or 0. */
static size_t zh_name_end(const struct pii__text *t, size_t i)
{
	size_t e = i + 1;
	while (e < t->n && pii__is_kanji(t->cp[e]) && e - i < 3)
		e++;
	if (e - i < 2 || e >= t->n || pii__is_kanji(t->cp[e]))
		return 0;
	uint32_t q = t->cp[e];
	return q == ':' || q == ',' || q == 0xFF0C || q == 0x3001 || q == 0x3002 || q == ' ' ||
			       q == '(' || q == '\n'
		       ? e
		       : 0;
}

/* A Chinese name in simplified characters: a surname of zh_surnames and one
 * or two characters, as a chat line's speaker (张丽: 你好…, [10:02] 刘洋：…),
 * before its reading in brackets (陈志强（チン シキョウ）), after its Latin
 * spelling and a slash (LIU Yang / 刘洋), or after 叫 (is called:
 * 孩子叫刘子涵，; there a surname ENAMDICT lists too: 我叫王建国，).
 * zh_name_at() looks from one mark (':', '(' or '/' at m), which
 * speaker_after_unit()'s pass over the text finds; zh_called() scans for
 * 叫 only where the text's cues say it may hold one. */
static void zh_name_at(const struct pii__text *t, size_t m, struct pii__cands *c)
{
	uint32_t ch = t->cp[m];
	size_t i, e;
	if (ch == '/') {
		i = m + 1 < t->n && t->cp[m + 1] == ' ' ? m + 2 : m + 1;
		if (i + 1 >= t->n || !zh_surname(t->cp[i]) || !(e = zh_name_end(t, i)))
			return;
	} else {
		if (m < 2 || !pii__is_kanji(t->cp[m - 1]))
			return;
		i = m - 1;
		while (i > 0 && pii__is_kanji(t->cp[i - 1]) && m - i < 4)
			i--;
		if (m - i < 2 || m - i > 3 || !zh_surname(t->cp[i]) ||
		    (i > 0 && pii__is_kanji(t->cp[i - 1])))
			return;
		e = m;
		if (ch == ':' ? !line_opens(t, i) : !(e + 1 < t->n && pii__is_kata(t->cp[e + 1])))
			return;
	}
	pii__cand_add(c, t, i, e, PII_PERSON, 0.85);
}

static void person_aliases(const struct pii__text *t, struct pii__cands *c, size_t from);

static void zh_called(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	size_t from = c->n;
	for (size_t m = 0; m + 2 < t->n; m++) {
		/* 我是 (I am) before a Chinese surname (您好，我是陈静（…）；
		 * fourteenth round (a)) */
		int am = t->cp[m] == 0x662F /* 是 */ && m > 0 && t->cp[m - 1] == 0x6211 /* 我 */;
		if (t->cp[m] != 0x53EB /* 叫 */ && !am)
			continue;
		size_t i = m + 1, e;
		if (!pii__is_kanji(t->cp[i]) || !(e = zh_name_end(t, i)))
			continue;
		if (am) {
			if (cjk_surname(t->cp[i]))
				pii__cand_add(c, t, i, e, PII_PERSON, 0.85);
			continue;
		}
		if (zh_surname(t->cp[i]) ||
		    (names && (pii__names_lookup(names, t->cp + i, 1) & PII_NAME_SURNAME)))
			pii__cand_add(c, t, i, e, PII_PERSON, 0.85);
	}
	/* their readings in the brackets after them (我是陈静（チン セイ）),
	 * which the pass over the earlier candidates could not see */
	if (c->n > from)
		person_aliases(t, c, from);
}

/* ---- self-introductions in the residents' scripts (fourteenth round (a)) ---- */

/* Common Korean family names in Hangul, sorted code points:
 * 강고곽구권김나남노류문민박배백서성손송신안양오우유윤이임장전정조주지진차최하한허홍황. */
static const uint32_t ko_surnames[] = {
	0xAC15, 0xACE0, 0xACFD, 0xAD6C, 0xAD8C, 0xAE40, 0xB098, 0xB0A8, 0xB178, 0xB958, 0xBB38,
	0xBBFC, 0xBC15, 0xBC30, 0xBC31, 0xC11C, 0xC131, 0xC190, 0xC1A1, 0xC2E0, 0xC548, 0xC591,
	0xC624, 0xC6B0, 0xC720, 0xC724, 0xC774, 0xC784, 0xC7A5, 0xC804, 0xC815, 0xC870, 0xC8FC,
	0xC9C0, 0xC9C4, 0xCC28, 0xCD5C, 0xD558, 0xD55C, 0xD5C8, 0xD64D, 0xD669,
};

/* Words of three syllables a speaker says of themself that open with a
 * family name's syllable (I am a Korean, a student from abroad). */
static const char *const ko_not_names[] = {"한국인", "외국인", "유학생", "이주민", "이민자",
					   "신청자", "신청인", "남학생", "신입생", "주부님", NULL};

static int is_hangul(uint32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

int pii__zh_surname(uint32_t c)
{
	for (size_t k = 0; k < YK_ARRAY_LEN(zh_surnames); k++)
		if (zh_surnames[k] == c)
			return 1;
	return 0;
}

int pii__ko_surname(uint32_t c)
{
	return pii__cp_in_sorted(ko_surnames, YK_ARRAY_LEN(ko_surnames), c);
}

/* 1 when the code points before b spell w (UTF-8) right up to b. */
static int spelled_before(const struct pii__text *t, size_t b, const char *w)
{
	size_t l = pii__kw_len(w);
	return b >= l && pii__match(t, b - l, w) == l;
}

/* A Korean self-introduction: three Hangul syllables opening with a common
 * family name, glued before 입니다 (I am), after 저는 (as for me), after a
 * greeting and a comma or a full stop (안녕하세요. 저는 박지훈입니다.,
 * 여보세요, 이수진입니다), or opening a quote or a line. */
static void ko_intros(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	for (size_t m = 3; m + 2 < t->n; m++) {
		if (t->cp[m] != 0xC785 /* 입 */ || t->cp[m + 1] != 0xB2C8 || t->cp[m + 2] != 0xB2E4)
			continue;
		size_t s = m - 3;
		if (!pii__ko_surname(t->cp[s]) || !is_hangul(t->cp[s + 1]) || !is_hangul(t->cp[s + 2]) ||
		    (s > 0 && is_hangul(t->cp[s - 1])) || word_is(t, s, m, ko_not_names))
			continue;
		size_t b = s;
		if (b > 0 && t->cp[b - 1] == ' ')
			b--;
		int cue = spelled_before(t, b, "저는") || spelled_before(t, b, "제 이름은");
		/* or opening a quote or a line: a letter's first words
		 * (「강말순입니다. …; twenty-fifth round (e)) */
		if (!cue && b == s)
			cue = s == 0 || t->cp[s - 1] == 0x300C /* 「 */ || t->cp[s - 1] == '\n';
		if (!cue && b < s && b > 0 && (t->cp[b - 1] == ',' || t->cp[b - 1] == '.' ||
					       t->cp[b - 1] == 0x3001 || t->cp[b - 1] == 0x3002))
			cue = spelled_before(t, b - 1, "안녕하세요") || spelled_before(t, b - 1, "여보세요") ||
			      spelled_before(t, b - 1, "안녕하십니까");
		if (cue && !person_at(&px, t, c, s, m))
			pii__cand_add(c, t, s, m, PII_PERSON, 0.85);
	}
	person_index_release(&px);
}

/* A Korean name written in Hangul with a space inside Japanese text
 * (相談者：박 지민（朴 智敏）, From: 최 유나 <…>; batches 194-201): a
 * family name's syllable, a space and a given name of one or two
 * syllables, no Hangul word touching either end (Korean prose is
 * sentences of many words; this is one name set in other script). */
static void hangul_spaced_names(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	for (size_t s = 0; s + 2 < t->n; s++) {
		if (!is_hangul(t->cp[s]) || t->cp[s + 1] != ' ' || !pii__ko_surname(t->cp[s]))
			continue;
		if (s > 0 && (is_hangul(t->cp[s - 1]) ||
			      (t->cp[s - 1] == ' ' && s > 1 && is_hangul(t->cp[s - 2]))))
			continue;
		size_t e = s + 2;
		while (e < t->n && is_hangul(t->cp[e]) && e - s < 5)
			e++;
		if (e - s < 3 || e - s > 4 ||
		    (e < t->n && (is_hangul(t->cp[e]) ||
				  (t->cp[e] == ' ' && e + 1 < t->n && is_hangul(t->cp[e + 1])))))
			continue;
		if (!person_at(&px, t, c, s, e))
			pii__cand_add(c, t, s, e, PII_PERSON, 0.85);
		s = e;
	}
	person_index_release(&px);
}

/* Relations before の that a translated introduction names a speaker by
 * (田中 博の妻のマリセルです). */
static const char *const intro_relations[] = {"妻の", "夫の", "母の", "父の", "娘の", "息子の",
					      "姉の", "妹の", "兄の", "弟の", NULL};

/* A translated self-introduction: in a bracket that opens with 訳 and a
 * colon, or one glued after Latin text (a resident's own words and then
 * the staff's Japanese: Em là Hoa ạ.⏎（訳：こんにちは。ホアです。）, Mero naam
 * … ho.（ビカス タパ マガル です）), one to four katakana words that open
 * the bracket or a sentence in it, or follow a relation and の, before
 * です, と申します or といいます: the name in katakana. */
static void kata_translated_intros(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	/* only the brackets' positions: most of a long text holds none */
	static const uint32_t opens_at[] = {'(', 0xFF08};
	struct pii__walk bw;
	pii__walk_init(&bw, t, 0, opens_at, 2);
	for (size_t o; (o = pii__walk_next(&bw)) + 3 < t->n;) {
		size_t a = o + 1;
		if (t->cp[a] == 0x8A33 /* 訳 */ && (t->cp[a + 1] == ':' || t->cp[a + 1] == 0xFF1A))
			a += 2;
		else if (!(o > 1 && (t->cp[o - 1] == '.' || pii__is_latin(t->cp[o - 1])) &&
			   pii__is_latin(t->cp[o - 1 - (t->cp[o - 1] == '.')])))
			continue;
		for (size_t i = a; i < t->n && i < a + 80; i++) {
			uint32_t q = t->cp[i];
			if (q == ')' || q == 0xFF09 || q == '\n')
				break;
			if (!pii__is_kata(q) || q == 0x30FC || q == 0x30FB)
				continue;
			int opens = i == a || t->cp[i - 1] == 0x3002 ||
				    pii__ends_with(t, a, i, intro_relations);
			size_t e = i, words = 0;
			while (e < t->n && words < 4) {
				size_t w = e;
				while (e < t->n && pii__is_kata(t->cp[e]) && t->cp[e] != 0x30FB)
					e++;
				if (e - w < 1)
					break;
				words++;
				if (e + 1 < t->n && (t->cp[e] == ' ' || t->cp[e] == 0x30FB) &&
				    pii__is_kata(t->cp[e + 1]) && t->cp[e + 1] != 0x30FC)
					e++;
				else
					break;
			}
			size_t f = e < t->n && t->cp[e] == ' ' ? e + 1 : e;
			/* opening the bracket, a name of one word is too often a
			 * thing's (（フォームです）) */
			if (i == a && words < 2)
				opens = 0;
			if (opens && e - i >= 2 && !word_is(t, i, e, kata_labels) &&
			    (pii__match(t, f, "です") || pii__match(t, f, "と申します") ||
			     pii__match(t, f, "といいます")) &&
			    !person_at(&px, t, c, i, e))
				pii__cand_add(c, t, i, e, PII_PERSON, 0.85);
			i = e;
		}
	}
	person_index_release(&px);
}

/* One Chinese or Korean surname of cjk_surnames alone before さん, after no
 * kanji (件名：王さんの書類; the surname ENAMDICT may not list). */
static void cjk_surname_san(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	for (size_t m = pii__find_cp(t, 1, 0x3055); m + 1 < t->n; m = pii__find_cp(t, m + 1, 0x3055)) {
		if (t->cp[m] != 0x3055 /* さ */ || t->cp[m + 1] != 0x3093 /* ん */ ||
		    !cjk_surname(t->cp[m - 1]) || (m >= 2 && pii__is_kanji(t->cp[m - 2])))
			continue;
		if (!person_at(&px, t, c, m - 1, m))
			pii__cand_add(c, t, m - 1, m, PII_PERSON, 0.85);
	}
	person_index_release(&px);
}

/* ---- readings, aliases and names without MeCab ------------------------------------ */

/* A kanji name: 1-3 kanji, optionally a space and 1-3 kanji. */
/* 1 when the kanji [s, e) may spell a name written without a space: a
 * Chinese or Korean surname opens it, or ENAMDICT lists the whole as a
 * name, or (three kanji or more) its first one or two as a surname and
 * the rest as a given name. */
static int kanji_spelling_opens(const struct pii__text *t, size_t s, size_t e)
{
	const struct pii__names *names = pii__names_get();
	if (word_is(t, s, e, labels) || word_is(t, s, e, not_names))
		return 0; /* a person's label: Chen Sihan（保護者） */
	if (cjk_surname(t->cp[s]) || !names)
		return 1;
	if (pii__names_lookup(names, t->cp + s, e - s) &
	    (PII_NAME_SURNAME | PII_NAME_GIVEN | PII_NAME_PERSON_U))
		return 1;
	/* a surname and a given name of three kanji or more, both parts
	 * listed: not 会|社員, nor two kanji (同|居, 別|居), notes after a
	 * katakana name whose first kanji ENAMDICT lists as a surname and
	 * whose second as a given name */
	for (size_t l = 1; l <= 2 && s + l < e && e - s >= 3; l++)
		if ((pii__names_lookup(names, t->cp + s, l) & PII_NAME_SURNAME) &&
		    (pii__names_lookup(names, t->cp + s + l, e - s - l) &
		     (PII_NAME_GIVEN | PII_NAME_PERSON_U)))
			return 1;
	return 0;
}

static size_t kanji_name_at(const struct pii__text *t, size_t i)
{
	size_t j = i;
	while (j < t->n && pii__is_kanji(t->cp[j]) && j - i < 4)
		j++;
	if (j == i || j - i > 3)
		return 0;
	if (j + 1 < t->n && t->cp[j] == ' ' && pii__is_kanji(t->cp[j + 1])) {
		size_t k = j + 1;
		while (k < t->n && pii__is_kanji(t->cp[k]) && k - j <= 4)
			k++;
		if (k - j - 1 <= 3)
			j = k;
	}
	return j;
}

/* Latin words up to the end of a bracketed item (LEE MISEON). */
static size_t latin_name_at(const struct pii__text *t, size_t i)
{
	size_t j = i, words = 0;
	while (j < t->n && words < 5) {
		size_t w = j;
		if (!pii__is_latin_upper(t->cp[j]))
			break;
		while (j < t->n && pii__is_latin(t->cp[j]))
			j++;
		if (j - w < 2)
			return 0;
		words++;
		if (j + 1 < t->n && (t->cp[j] == ' ' || t->cp[j] == ',') && pii__is_latin(t->cp[j + 1]))
			j++;
		else if (j + 2 < t->n && t->cp[j] == ',' && t->cp[j + 1] == ' ')
			j += 2;
		else
			break;
	}
	return words >= 1 ? j : 0;
}

static int memchr_cp(const struct pii__text *t, size_t s, size_t e, uint32_t c)
{
	for (size_t i = s; i < e; i++)
		if (t->cp[i] == c)
			return 1;
	return 0;
}

static int item_end(uint32_t c)
{
	return c == ')' || c == 0xFF0F /* ／ */ || c == '/' || c == 0x3001;
}

static const char *const reading_labels[] = {"ふりがな", "フリガナ", "ﾌﾘｶﾞﾅ", "カナ", "よみ",
					     "読み", "本名", "旧姓", "通称", NULL};

/* Two to four words of kana of one script (1-8 code points each) parted
 * by single spaces from j, ending the item (a space, a line's or a
 * clause's end, the text's end): a labelled reading's end, or 0. */
static size_t spaced_kana_words(const struct pii__text *t, size_t j)
{
	if (j >= t->n || !(pii__is_kata(t->cp[j]) || pii__is_hira(t->cp[j])))
		return 0;
	int kata = pii__is_kata(t->cp[j]);
	size_t e = j, words = 0;
	for (;;) {
		size_t w = e;
		while (e < t->n && e - w < 8 && t->cp[e] != 0x30FB &&
		       (kata ? pii__is_kata(t->cp[e]) : pii__is_hira(t->cp[e])))
			e++;
		if (e == w)
			return 0;
		words++;
		if (words < 4 && e + 1 < t->n && t->cp[e] == ' ' &&
		    (kata ? pii__is_kata(t->cp[e + 1]) : pii__is_hira(t->cp[e + 1])))
			e++;
		else
			break;
	}
	if (words < 2 || (e < t->n && !(t->cp[e] == ' ' || t->cp[e] == '\n' || t->cp[e] == 0x3001 ||
					 t->cp[e] == ',' || t->cp[e] == ')' || pii__is_boundary(t->cp[e]))))
		return 0;
	return e;
}

/* A reading in brackets that pii__kana_name_at() does not take (eighth
 * round): katakana words joined by ・ after a name in Latin letters
 * (Maria Santos（マリア・サントス）, Aiden Park（エイデン・パク、2016.3.2生）),
 * or one kana word ENAMDICT reads as a name after a kanji name (佐藤 蒼空
 * （そら）; not （ブラジル）, （パート）). Its end before ）, 、 or ／, or 0. */
/* Kana notes in brackets after a name that ENAMDICT also reads as given
 * names. */
static const char *const bracket_notes[] = {"なし", "あり", "ほか", "など", "まだ", "ない",
					    "いる", "みな", "ママ", "パパ", "ひとり", "ふたり",
					    "こども", "おや", "ばあ", "じい", "ナシ", "アリ", NULL};

size_t pii__kana_reading_at(const struct pii__text *t, size_t j, int latin)
{
	size_t e = j, dots = 0;
	int kata = pii__is_kata(t->cp[j]);
	if (!kata && !pii__is_hira(t->cp[j]))
		return 0;
	while (e < t->n && e - j < 24) {
		if (t->cp[e] == 0x30FB /* ・ */ && latin && kata && e > j && e + 1 < t->n &&
		    pii__is_kata(t->cp[e + 1]))
			dots++;
		else if (!(kata ? pii__is_kata(t->cp[e]) : pii__is_hira(t->cp[e])))
			break;
		e++;
	}
	if (e >= t->n || !item_end(t->cp[e]))
		return 0;
	if (dots)
		return e;
	if (latin || e - j < 2 || e - j > 12)
		return 0;
	const struct pii__names *names = pii__names_get();
	if (!names)
		return 0;
	if (e - j <= 6 && (pii__names_lookup_kana(names, t->cp + j, e - j) & PII_NAME_GIVEN_KANA) &&
	    !pii__is_word(t, j, e, bracket_notes))
		return e;
	/* the whole name's reading written together (桐山陽向（きりやまひな
	 * た）; batches 378-381): a surname's reading of 2-6 kana and a given
	 * name's of 2-6, as ENAMDICT reads them */
	if (kata || e - j < 4)
		return 0;
	for (size_t g = j + 2; g + 2 <= e && g - j <= 6; g++)
		if (e - g <= 6 &&
		    (pii__names_lookup_kana(names, t->cp + j, g - j) & PII_NAME_SURNAME_KANA) &&
		    (pii__names_lookup_kana(names, t->cp + g, e - g) & PII_NAME_GIVEN_KANA))
			return e;
	return 0;
}

/* A Korean or Chinese name's reading in katakana after its kanji (李 美善
 * （イ ミソン）, 徐 智勲／ソ ジフン, 李 敏浩（イ・ミンホ）; thirteenth round
 * (a)): two or three katakana words parted by a space or ・, the first
 * of one letter or more (a Japanese reading wants two a word), ending an
 * item. Its end, or 0. */
static size_t cjk_reading_at(const struct pii__text *t, size_t j)
{
	size_t e = j, words = 0;
	while (words < 3) {
		size_t w = e;
		while (e < t->n && pii__is_kata(t->cp[e]) && t->cp[e] != 0x30FB && e - w < 8)
			e++;
		if (e == w)
			return 0;
		words++;
		if (e + 1 < t->n && (t->cp[e] == ' ' || t->cp[e] == 0x30FB) &&
		    pii__is_kata(t->cp[e + 1]) && t->cp[e + 1] != 0x30FB)
			e++;
		else
			break;
	}
	return words >= 2 && e < t->n && item_end(t->cp[e]) ? e : 0;
}

/* A name in Hangul of two to four syllables ending an item (KIM MINJUN
 * （김민준、金 珉俊）; thirteenth round (a)). Its end, or 0. */
static size_t hangul_name_at(const struct pii__text *t, size_t j)
{
	size_t e = j;
	while (e < t->n && t->cp[e] >= 0xAC00 && t->cp[e] <= 0xD7A3 && e - j < 5)
		e++;
	return e - j >= 2 && e - j <= 4 && e < t->n && item_end(t->cp[e]) ? e : 0;
}

static const char *const name_honorifics[] = {"さん", "様", "さま", "氏", "ちゃん", "くん", "君",
					      "殿", NULL};

/* The readings and other spellings in brackets right after a name: 佐藤
 * 結菜（さとう ゆいな）, ﾏﾂﾓﾄ ﾖｼｵ（松本 義雄）, 李 美善（イ ミソン／LEE
 * MISEON）, WANG XIAOMING（王 小明）. */
static void person_aliases(const struct pii__text *t, struct pii__cands *c, size_t from)
{
	size_t n = c->n;
	for (size_t k = from; k < n; k++) {
		if (c->v[k].type != PII_PERSON)
			continue;
		size_t j = c->v[k].end;
		/* 岩田 聡 イワタ サトシ: a katakana reading of two words after
		 * the kanji name and a space (rows of a table with a フリガナ
		 * column) */
		if (j + 1 < t->n && t->cp[j] == ' ' && pii__is_kanji(t->cp[c->v[k].start]) &&
		    pii__is_kata(t->cp[j + 1])) {
			/* after its label (吉田 芽依　ﾌﾘｶﾞﾅ ﾖｼﾀﾞ ﾒｲ): the reading
			 * without the label; twentieth round (a) */
			size_t r = j + 1, lm = match_any(t, r, reading_labels);
			if (lm && r + lm + 1 < t->n && t->cp[r + lm] == ' ')
				r += lm + 1;
			size_t e = pii__kana_name_at(t, r);
			if (e && memchr_cp(t, r, e, ' ') &&
			    (e == t->n || t->cp[e] == ' ' || t->cp[e] == ',' || t->cp[e] == 0x3001 ||
			     t->cp[e] == '/' || pii__is_boundary(t->cp[e])))
				pii__cand_add(c, t, r, e, PII_PERSON, 0.85);
			continue;
		}
		/* NGUYEN VAN THANH　カナ グエン　ヴァン　タイン, 金 秀賢　よみ：きむ
		 * すひょん: a labelled reading of two to four kana words after
		 * any name and a space (blind batches 1216-1231) */
		if (j + 3 < t->n && t->cp[j] == ' ') {
			size_t lm = match_any(t, j + 1, reading_labels);
			size_t r = j + 1 + lm;
			if (lm && r < t->n && (t->cp[r] == ' ' || t->cp[r] == ':')) {
				r++;
				if (r < t->n && t->cp[r] == ' ')
					r++;
				size_t e = spaced_kana_words(t, r);
				if (e && !pii__person_overlaps(c, r, e))
					pii__cand_add(c, t, r, e, PII_PERSON, 0.85);
				if (e)
					continue;
			}
		}
		/* Rizky Pratama さん（リズキ プラタマ）: an honorific between a name
		 * in Latin letters and its reading (eleventh round) */
		int hon = 0; /* then only a reading in kana follows (not （英国）, （年中）) */
		if (pii__is_latin(t->cp[c->v[k].start])) {
			size_t h = j < t->n && t->cp[j] == ' ' ? j + 1 : j;
			size_t hm = h < t->n ? match_any(t, h, name_honorifics) : 0;
			if (hm && h + hm < t->n && t->cp[h + hm] == '(')
				j = h + hm, hon = 1;
			/* YILDIZ Mehmet 様⏎（ユルドゥズ メフメット）, an address
			 * label's name with its reading on the next line; Dilani
			 * Jayasinghe (ディラニ …), a space before the bracket:
			 * a reading in katakana only (twentieth round (a)) */
			else if (hm && h + hm + 2 < t->n && t->cp[h + hm] == '\n' &&
				 t->cp[h + hm + 1] == '(' && pii__is_kata(t->cp[h + hm + 2]))
				j = h + hm + 1, hon = 1;
			else if (!hm && h > j && h + 1 < t->n && t->cp[h] == '(' &&
				 pii__is_kata(t->cp[h + 1]))
				j = h, hon = 1;
		}
		/* SETIAWAN BUDI⏎セティアワン ブディ⏎: the reading alone on the
		 * next line, two or three katakana words (eleventh round) */
		if (j + 3 < t->n && t->cp[j] == '\n' && pii__is_kata(t->cp[j + 1])) {
			size_t e = pii__kana_name_at(t, j + 1);
			if (!e || !memchr_cp(t, j + 1, e, ' ') || (e < t->n && t->cp[e] != '\n'))
				continue;
			/* after a kanji name the first word must read as a surname
			 * (not ケース ワーク under 担当 田村) */
			size_t w = j + 1;
			while (w < e && t->cp[w] != ' ')
				w++;
			const struct pii__names *names = pii__names_get();
			if (word_is(t, j + 1, w, reading_labels)) /* フリガナ　ミヤギ　アイ */
				continue;
			if (!pii__is_latin(t->cp[c->v[k].start]) &&
			    !(names && (pii__names_lookup_kana(names, t->cp + j + 1, w - j - 1) &
					PII_NAME_SURNAME_KANA)))
				continue;
			pii__cand_add(c, t, j + 1, e, PII_PERSON, 0.9);
			continue;
		}
		if (j >= t->n || t->cp[j] != '(')
			continue;
		j++;
		size_t m = match_any(t, j, reading_labels);
		if (!m)
			m = match_any(t, j, role_labels);
		if (!m)
			m = match_any(t, j, labels);
		if (m && j + m < t->n && (t->cp[j + m] == ' ' || t->cp[j + m] == ':'))
			j += m + 1;
		/* a kanji spelling only of a name written in kana or Latin letters
		 * (（市民課）, （係長）, （母） after a kanji name are not names) */
		int kanji_ok = !pii__is_kanji(t->cp[c->v[k].start]) && !hon;
		/* a given name in Latin letters alone takes no kanji spelling
		 * (妻：Isabella（同居）, twelfth round (a)) */
		if (kanji_ok && pii__is_latin(t->cp[c->v[k].start]) &&
		    !memchr_cp(t, c->v[k].start, c->v[k].end, ' '))
			kanji_ok = 0;
		/* a Chinese or Korean name: 李 美善 */
		size_t s0 = c->v[k].start;
		int cjk = cjk_surname(t->cp[s0]) && s0 + 1 < c->v[k].end && t->cp[s0 + 1] == ' ';
		/* or a Chinese name in simplified characters, unspaced (我是陈静
		 * （チン セイ）; fourteenth round (a)) */
		if (!cjk && zh_mark(t->cp[s0]) && c->v[k].end - s0 >= 2 && c->v[k].end - s0 <= 3 &&
		    all_kanji(t, s0, c->v[k].end))
			cjk = 1;
		for (int items = 0; items < 3 && j < t->n; items++) {
			size_t e = pii__kana_reading_at(t, j, pii__is_latin(t->cp[c->v[k].start]));
			if (!e && cjk)
				e = cjk_reading_at(t, j);
			if (e) {
				pii__cand_add(c, t, j, e, PII_PERSON, 0.86);
				break;
			}
			if ((e = hangul_name_at(t, j)) != 0) {
				pii__cand_add(c, t, j, e, PII_PERSON, 0.85);
				if (t->cp[e] == ')')
					break;
				j = e + 1;
				while (j < t->n && t->cp[j] == ' ')
					j++;
				continue;
			}
			e = pii__kana_name_at(t, j);
			/* a reading has a space (モリタ ナナ); one katakana word in
			 * brackets is a country or a note (ブラジル) */
			if (e && pii__is_kata(t->cp[j]) && !memchr_cp(t, j, e, ' '))
				e = 0;
			if (!e && kanji_ok) {
				e = kanji_name_at(t, j);
				/* a relation in brackets is no spelling (新留 ちえ子
				 * （母）, ninth round) */
				if (e && word_is(t, j, e, role_labels))
					e = 0;
				/* a nationality or a language is no spelling either
				 * (WANG LI（中国籍）, twelfth round (a)), nor a descent
				 * (Kevin Yara（日系）; twenty-fourth round (b)) */
				if (e && (t->cp[e - 1] == 0x7C4D /* 籍 */ ||
					  t->cp[e - 1] == 0x8A9E /* 語 */ ||
					  t->cp[e - 1] == 0x7CFB /* 系 */))
					e = 0;
				/* nor a note without a space that no surname opens
				 * (Jose Rizal（死亡）, RAI Sunita（隣人、…）; thirteenth
				 * round (a)) */
				if (e && !memchr_cp(t, j, e, ' ') && !kanji_spelling_opens(t, j, e))
					e = 0;
				/* a full name in Latin letters spells a surname and
				 * a given name: without a space three kanji at least,
				 * or two for a Chinese or Korean name (two kanji alone
				 * are a note: Stephanie Arakaki（日系、…）, …（会社員）;
				 * twenty-fourth round (a)) */
				if (e && e - j == 2 && !cjk && !cjk_surname(t->cp[j]) &&
				    pii__is_latin(t->cp[c->v[k].start]))
					e = 0;
			}
			/* a role's or an office's word in capitals is no
			 * spelling (宮田 涼（CW）; batches 346-353) */
			if (!e && !hon && (e = latin_name_at(t, j)) != 0 && !memchr_cp(t, j, e, ' ') &&
			    is_latin_stop(t, j, e))
				e = 0;
			if (!e || e >= t->n || !item_end(t->cp[e]))
				break;
			pii__cand_add(c, t, j, e, PII_PERSON, 0.85);
			/* a Chinese or Korean spelling: its reading may follow
			 * (SEO JIHOON（徐 智勲／ソ ジフン）) */
			cjk |= cjk_surname(t->cp[j]) && j + 1 < e && t->cp[j + 1] == ' ';
			if (t->cp[e] == ')' || t->cp[e] == 0x3001)
				break;
			j = e + 1;
			while (j < t->n && t->cp[j] == ' ')
				j++;
		}
	}
}

/* Kinship and common words that take ちゃん/くん: not names. */
static const char *const chan_words[] = {"おばあ", "おじい", "ばあ", "じい", "あか", "ねえ",
					 "にい", "かあ", "とう", "おかあ", "おとう", "おねえ",
					 "おにい", "ぼっ", "みな", "おちび", "ちび", NULL};

/* 王 偉さん, 金 智恩様: a one- or two-kanji surname that ENAMDICT lists, a
 * space and a one- or two-kanji given name, before an honorific ending at
 * e: Chinese and Korean names, which MeCab splits or reads as words. */
static void kanji_spaced_name(const struct pii__text *t, size_t e, struct pii__cands *c)
{
	size_t g = e;
	while (g > 0 && pii__is_kanji(t->cp[g - 1]) && e - g < 3)
		g--;
	if (e - g < 1 || e - g > 2 || g < 2 || t->cp[g - 1] != ' ')
		return;
	size_t sp = g - 1, s = sp;
	while (s > 0 && pii__is_kanji(t->cp[s - 1]) && sp - s < 3)
		s--;
	if (sp - s < 1 || sp - s > 2 || (s > 0 && (pii__is_kanji(t->cp[s - 1]) ||
						   pii__is_kata(t->cp[s - 1]) ||
						   pii__is_hira(t->cp[s - 1]))))
		return;
	if (!(pii__names_lookup(pii__names_get(), t->cp + s, sp - s) & PII_NAME_SURNAME) ||
	    label_ends_at(t, sp))
		return;
	pii__cand_add(c, t, s, e, PII_PERSON, 0.96);
}

/* What may follow a full name: punctuation, a bracket (a reading), an
 * honorific, the end of the line. */
static int name_follow(const struct pii__text *t, size_t e)
{
	if (e >= t->n)
		return 1;
	/* not a space: 担当 林 内線 2231, 旧姓 原 現姓 上田 are fields */
	uint32_t c = t->cp[e];
	return c == '(' || c == 0x3001 /* 、 */ || c == ',' || pii__is_boundary(c) ||
	       match_any(t, e, honorifics) ||
	       (c == ' ' && match_any(t, e + 1, field_words)); /* 関 ゆかり 年齢 45 */
}

/* Counters and words that end a quantity or a unit, not a given name. */
static int counter_end(uint32_t c)
{
	switch (c) {
	case 0x4EF6: /* 件 */ case 0x540D: /* 名 */ case 0x4EBA: /* 人 */ case 0x56DE: /* 回 */
	case 0x5186: /* 円 */ case 0x65E5: /* 日 */ case 0x6708: /* 月 */ case 0x5E74: /* 年 */
	case 0x500B: /* 個 */ case 0x679A: /* 枚 */ case 0x90E8: /* 部 */ case 0x8AB2: /* 課 */
	case 0x4FC2: /* 係 */ case 0x5BA4: /* 室 */ case 0x5E02: /* 市 */ case 0x753A: /* 町 */
	case 0x533A: /* 区 */ case 0x6751: /* 村 */ case 0x770C: /* 県 */ case 0x53F7: /* 号 */
		return 1;
	default:
		return 0;
	}
}

/* The code point at q is の after a kanji (亀田の李 秀英さん). */
static int after_no(const struct pii__text *t, size_t q)
{
	return t->cp[q] == 0x306E && q > 0 && pii__is_kanji(t->cp[q - 1]);
}

/* A clause in the past that describes the person after it ends at q
 * (台湾から転入した陳 怡君です, 来日した李 …; batches 370-373): a kanji
 * verb's stem and した or た (not こうした, そうした). Only a Chinese or
 * Korean surname is read after it (one_kanji_surname_names()). */
static int after_past_clause(const struct pii__text *t, size_t q)
{
	if (t->cp[q] != 0x305F /* た */ || q < 2)
		return 0;
	return pii__is_kanji(t->cp[q - 1]) ||
	       (t->cp[q - 1] == 0x3057 /* し */ && pii__is_kanji(t->cp[q - 2]));
}

/* A Chinese or Korean surname at s after a word and a space that is no
 * given name of a name before it: a relation or a person's label (父 孫
 * 建国), or a word of three kanji or more (入居者 朴 美淑). */
static int cjk_after_word(const struct pii__text *t, size_t s)
{
	if (relation_before(t, s))
		return 1;
	size_t e = s - 1, a = e;
	while (a > 0 && pii__is_kanji(t->cp[a - 1]) && e - a < 8)
		a--;
	return e - a >= 3;
}

/* Relations of one kanji written glued before a one-kanji surname (父朝
 * 清助, 母富 キヨ). */
static const char *const glued_kin[] = {"父", "母", "夫", "兄", "姉", "弟", "妹", "孫", NULL};

/* A one-kanji surname ENAMDICT lists, a space and a given name of one
 * script (1-2 kanji, 2-4 hiragana, 2-5 katakana) ending there: 原 こはる,
 * 李 美善, 王 偉. MeCab often splits these or reads the surname as a word,
 * so the shape decides, where the context says a person is meant: a label
 * before (対象児童 原 こはる), an honorific or a reading in brackets after
 * (李 美善（イ ミソン）). */
static void one_kanji_surname_names(const struct pii__text *t, struct pii__cands *c)
{
	/* only the spaces' positions (wmemchr) */
	for (size_t i = pii__find_cp(t, 1, ' '); i + 2 < t->n; i = pii__find_cp(t, i + 1, ' ')) {
		/* the surname stands alone: not the given name of a name before
		 * it (安藤 剛 続柄) */
		if (!pii__is_kanji(t->cp[i - 1]))
			continue;
		int cjk = cjk_surname(t->cp[i - 1]);
		/* a one-kanji relation glued before it opens the name too (父朝
		 * 清助名義, 母富 キヨさん; batches 346-353) */
		int kin = i >= 2 && word_is(t, i - 2, i - 1, glued_kin) &&
			  (i < 3 || !pii__is_kanji(t->cp[i - 3]));
		if ((i >= 2 && ((pii__is_kanji(t->cp[i - 2]) && !kin) || pii__is_kata(t->cp[i - 2]) ||
				(pii__is_hira(t->cp[i - 2]) && !after_no(t, i - 2) &&
				 !(cjk && after_past_clause(t, i - 2))) ||
				/* a numbered unit: 徴収第2係 井上 */
				pii__is_digit(t->cp[i - 2]))) ||
		    (i >= 3 && t->cp[i - 2] == ' ' && pii__is_kanji(t->cp[i - 3]) &&
		     !label_ends_at(t, i - 2) && !(cjk && cjk_after_word(t, i - 1))))
			continue;
		size_t g = i + 1, e = g;
		uint32_t c0 = t->cp[g];
		int kind = pii__is_kanji(c0) ? 1 : pii__is_hira(c0) ? 2 : pii__is_kata(c0) ? 3 : 0;
		if (!kind)
			continue;
		while (e < t->n && ((kind == 1 && pii__is_kanji(t->cp[e])) ||
				    (kind == 2 && pii__is_hira(t->cp[e])) ||
				    (kind == 3 && pii__is_kata(t->cp[e]))) && e - g < 6)
			e++;
		/* a title glued to a given name in kanji (4番（竹 忠良委員）,
		 * ○5番（築 正和議員）: minutes; batches 346-353) ends it when
		 * ENAMDICT lists what stands before it as a given name */
		int titled = 0;
		for (size_t p = g + 1; kind == 1 && p < e && p <= g + 2; p++) {
			size_t tm = match_any(t, p, titles);
			/* or 名義: the land or the account is in that name (父朝
			 * 清助名義) */
			if (!tm && pii__match(t, p, "名義") == 2)
				tm = 2;
			if (tm && p + tm <= e + 1 && !title_in_place_name(t, p, tm) &&
			    (pii__names_lookup(pii__names_get(), t->cp + g, p - g) & PII_NAME_GIVEN)) {
				e = p;
				titled = 1;
				break;
			}
		}
		size_t len = e - g;
		/* a Chinese or Korean surname and a given name of two kanji
		 * are a name by their shape, before a particle too (陳 思涵の母,
		 * 祖母の劉 玉梅が, 0318,崔 珉俊,…; thirteenth round (a)) */
		int shaped = cjk && kind == 1 && len == 2 &&
			     (name_follow(t, e) || (e < t->n && (t->cp[e] == 0x306E /* の */ ||
								 t->cp[e] == 0x304C /* が */ ||
								 t->cp[e] == 0x306F /* は */ ||
								 t->cp[e] == 0x3068 /* と */ ||
								 t->cp[e] == 0x3082 /* も */ ||
								 /* introducing themself
								  * (…転入した陳 怡君です;
								  * batches 370-373) */
								 pii__match(t, e, "です") == 2)));
		if (len < (kind == 1 ? 1u : 2u) || len > (kind == 1 ? 2u : kind == 2 ? 4u : 5u) ||
		    !(shaped || titled || name_follow(t, e)) ||
		    (kind == 1 && counter_end(t->cp[e - 1])) ||
		    match_any(t, g, field_words) || match_any(t, g, labels) ||
		    /* a role opening the given name is the next item (李 長女),
		     * but 子 opens given names too (王 子涵, twelfth round (a)) */
		    (match_any(t, g, role_labels) &&
		     !(t->cp[g] == 0x5B50 /* 子 */ && len >= 2 && pii__is_kanji(t->cp[g + 1]))))
			continue;
		size_t cl;
		int hon = titled || cue_after(t, e, &cl) == 2;
		int reading = e + 1 < t->n && t->cp[e] == '(' &&
			      (pii__is_kata(t->cp[e + 1]) || pii__is_hira(t->cp[e + 1]) ||
			       pii__is_latin(t->cp[e + 1]));
		if (!hon && !reading && !shaped && label_before(t, i - 1) != 1)
			continue;
		/* after の only with an honorific (亀田の李 秀英さん, ninth round) */
		if (!hon && !shaped && i >= 2 && pii__is_hira(t->cp[i - 2]))
			continue;
		if (!(cjk ||
		      (pii__names_lookup(pii__names_get(), t->cp + i - 1, 1) & PII_NAME_SURNAME)) ||
		    /* a relation (孫 太郎) unless a label or a relation stands
		     * before it (児童：孫 子萱, 父 孫 建国) */
		    (label_ends_at(t, i) &&
		     !(shaped && (label_before(t, i - 1) == 1 || relation_before(t, i - 1)))))
			continue;
		pii__cand_add(c, t, i - 1, e, PII_PERSON, hon ? 0.96 : 0.9);
		i = e;
	}
}

/* Particles that glue a hiragana name to the word before it (妹のゆいちゃん). */
static int kana_particle(uint32_t c)
{
	return c == 0x306E /* の */ || c == 0x306F /* は */ || c == 0x304C /* が */ ||
	       c == 0x3082 /* も */ || c == 0x3068 /* と */ || c == 0x306B /* に */;
}

/* A pet's, a toy's or a parent's word before ちゃん or くん (ワンちゃん,
 * クマくん, ママ): no child's name. */
static const char *const kata_not_child[] = {"ワン", "ニャン", "ママ", "パパ", "ネコ", "イヌ",
					     "アンパンマン", "ミッキー", "クマ", "ウサギ",
					     "パンダ", "ゾウ", "キリン", NULL};

/* One katakana word [s, e) before ちゃん or くん at h (ninth round: お子さんの
 * ミンちゃん, （ミナちゃんの件）): a child's given name when it stands after
 * の, a bracket, 、, a space, a colon or a line start, or after と or や
 * joining it to another child (ジャスミンちゃんとカイルくん, twelfth round
 * (a)), and ENAMDICT reads it as a given name. */
static int kata_child_name(const struct pii__text *t, size_t s, size_t e, size_t h)
{
	if (!pii__match(t, h, "ちゃん") && !pii__match(t, h, "くん"))
		return 0;
	uint32_t p = s ? t->cp[s - 1] : '\n';
	if (!(p == 0x306E || p == '(' || p == 0x3001 || p == ' ' || p == ':' || p == '\n' ||
	      p == 0x300C || p == 0x3068 /* と */ || p == 0x3084 /* や */))
		return 0;
	const struct pii__names *names = pii__names_get();
	return names && (pii__names_lookup_kana(names, t->cp + s, e - s) & PII_NAME_GIVEN_KANA) &&
	       !word_is(t, s, e, kata_not_child);
}

/* The start of a hiragana name of 2-4 code points ending at i (before
 * くん or ちゃん) that と or や joins to a child named before it: after
 * ちゃん, くん or さん and the particle, or after a bracket's end and the
 * particle (ひなたちゃんとそうすけくん, （2歳）とそうまくん); or 0. */
static size_t joined_child_start(const struct pii__text *t, size_t i)
{
	for (size_t l = 2; l <= 4 && l + 2 <= i; l++) {
		size_t s = i - l;
		uint32_t p = t->cp[s - 1];
		if (p != 0x3068 /* と */ && p != 0x3084 /* や */)
			continue;
		for (size_t q = s; q < i; q++)
			if (!pii__is_hira(t->cp[q]))
				return 0;
		if (t->cp[s - 2] == ')' ||
		    (s >= 3 && t->cp[s - 2] == 0x3093 /* ん */ &&
		     (t->cp[s - 3] == 0x3083 /* ゃ */ || t->cp[s - 3] == 0x304F /* く */)))
			return s;
	}
	return 0;
}

/* Names MeCab cannot read, found by their shape before an honorific:
 * katakana words with spaces (ガルシア マリア様, ラナ マガル ビカスさん) and a
 * hiragana given name before ちゃん or くん (ゆうきちゃん). */
/* First letters of words for kin and strangers that are no nickname
 * (ぼっちゃん, おっちゃん, ねーちゃん, にーちゃん, じーちゃん, ばーちゃん). */
static int nickname_not_first(uint32_t c)
{
	return c == 0x307C /* ぼ */ || c == 0x304A /* お */ || c == 0x306D /* ね */ ||
	       c == 0x306B /* に */ || c == 0x3058 /* じ */ || c == 0x3070 /* ば */;
}

/* A nickname of one or two hiragana and っ or ー before ちゃん or くん at i
 * (みっちゃん, たっくん, みーちゃん; seventeenth round (a)): a friend's or a
 * child's name as volunteers and families write it, reported with its
 * honorific, as the nickname is the whole word. It stands after a line's
 * start, a space, @, a colon, punctuation or a bracket. 1 when that shape
 * was read (added, or a kin's word: おっちゃん is nobody's name), 0 when
 * the word has another shape. */
static int nickname_at(const struct pii__text *t, size_t i, size_t m, struct pii__cands *c)
{
	uint32_t l = t->cp[i - 1];
	if ((l != 0x3063 /* っ */ && l != 0x30FC /* ー */) ||
	    !(pii__match(t, i, "ちゃん") || pii__match(t, i, "くん")))
		return 0;
	size_t s = i - 1;
	while (s > 0 && pii__is_hira(t->cp[s - 1]) && t->cp[s - 1] != 0x3063 && i - s < 3)
		s--;
	if (s == i - 1)
		return 0;
	if (nickname_not_first(t->cp[s]))
		return 1;
	uint32_t b = s > 0 ? t->cp[s - 1] : '\n';
	if (!(b == '\n' || b == ' ' || b == '@' || b == ':' || b == 0x3001 || b == 0x3002 || b == '(' ||
	      b == 0x300C || b == '!' || b == '?'))
		return 0;
	size_t e = i + m;
	if (e < t->n && pii__is_hira(t->cp[e]) && t->cp[e] != 0x306E /* の */ &&
	    t->cp[e] != 0x304C /* が */ && t->cp[e] != 0x306F /* は */ && t->cp[e] != 0x3068 /* と */ &&
	    t->cp[e] != 0x306B /* に */ && t->cp[e] != 0x3082 /* も */ && t->cp[e] != 0x3092 /* を */)
		return 0;
	/* above the reading of its first letters alone (しー) */
	pii__cand_add(c, t, s, e, PII_PERSON, 0.97);
	return 1;
}

/* After a kana name's ちゃん or くん at e: no more of a word (くんれん,
 * くんせい, ちゃんぽん are words, あの and その no names), only what
 * follows a name: a particle, a copula, たち or ら, or no hiragana (the
 * lead's probes, 2026-12-04 night). */
static int honorific_closes(const struct pii__text *t, size_t e)
{
	if (e >= t->n || !pii__is_hira(t->cp[e]))
		return 1;
	uint32_t c = t->cp[e];
	return pii__is_particle(c) || c == 0x3060 /* だ */ || c == 0x304B /* か */ ||
	       c == 0x3088 /* よ */ || c == 0x306D /* ね */ || c == 0x305F /* た */ ||
	       c == 0x3089 /* ら */ || c == 0x3063 /* っ */ || c == 0x3055 /* さ */;
}

static void kana_before_honorific(const struct pii__text *t, struct pii__cands *c)
{
	/* the index's filter of the honorifics' first code points skips most
	 * positions with one bit test before the seven compares */
	const struct pii__kwlist *L = pii__kwlist_get(name_honorifics);
	const uint64_t all[4] = {~(uint64_t)0, ~(uint64_t)0, ~(uint64_t)0, ~(uint64_t)0};
	const uint64_t *first = L && !L->plain ? L->first : all;
	for (size_t i = 1; i < t->n; i++) {
		uint32_t h = t->cp[i];
		if (!pii__kw_has(first, h))
			continue;
		if (h != 0x3055 /* さ */ && h != 0x69D8 /* 様 */ && h != 0x6C0F /* 氏 */ &&
		    h != 0x3061 /* ち */ && h != 0x304F /* く */ && h != 0x541B /* 君 */ &&
		    h != 0x6BBF /* 殿 */)
			continue;
		uint32_t p = t->cp[i - 1] == ' ' && i >= 2 ? t->cp[i - 2] : t->cp[i - 1];
		if (!pii__is_kata(p) && !pii__is_hira(p) && !pii__is_kanji(p))
			continue;
		size_t m = match_any(t, i, name_honorifics);
		if (!m)
			continue;
		/* 氏名 and 様式 are a form's words, not honorifics (ﾌﾘｶﾞﾅ ｷﾀﾉ
		 * ﾕｳｽｹ 氏名 北野 祐介: the reading's label was taken in too;
		 * twentieth round (a)) */
		if (i + 1 < t->n && ((h == 0x6C0F && t->cp[i + 1] == 0x540D /* 名 */) ||
				     (h == 0x69D8 && t->cp[i + 1] == 0x5F0F /* 式 */)))
			continue;
		/* one space may stand before the honorific (レ ティ ホア さん) */
		size_t ne = i;
		if (ne >= 2 && t->cp[ne - 1] == ' ' &&
		    (pii__is_kata(t->cp[ne - 2]) || pii__is_kanji(t->cp[ne - 2])))
			ne--;
		if (pii__is_kanji(t->cp[ne - 1])) {
			kanji_spaced_name(t, ne, c);
			continue;
		}
		if (!pii__is_kata(t->cp[ne - 1]) && !pii__is_hira(t->cp[ne - 1]))
			continue;
		/* みっちゃん, みーちゃん: the whole nickname, or a kin's word */
		if (ne == i && i >= 2 && nickname_at(t, i, m, c))
			continue;
		if (pii__is_kata(t->cp[ne - 1])) {
			size_t s = ne, words = 0;
			while (words < 4) {
				size_t w = s;
				while (s > 0 && pii__is_kata(t->cp[s - 1]) && w - s < 12)
					s--;
				/* ダ, デ, ド inside a Portuguese or Spanish name (ペレイラ
				 * ダ シルバ マルコス様; twentieth round (a)): the name
				 * goes on before it */
				if (w - s == 1 && words >= 1 && s >= 3 && t->cp[s - 1] == ' ' &&
				    pii__is_kata(t->cp[s - 2]) &&
				    (t->cp[s] == 0x30C0 || t->cp[s] == 0x30C7 || t->cp[s] == 0x30C9)) {
					words++;
					s--;
					continue;
				}
				/* a one-letter word opens a longer name (レ ティ ホア) */
				if (w - s == 1 && words >= 1 &&
				    (words >= 2 || s == 0 || !pii__is_kata(t->cp[s - 1]))) {
					words++;
					break;
				}
				if (w - s < 2) {
					s = words ? w + 1 : w; /* back to the last word */
					break;
				}
				words++;
				if (s >= 2 && (t->cp[s - 1] == ' ' || t->cp[s - 1] == 0x30FB) &&
				    pii__is_kata(t->cp[s - 2]))
					s--;
				else
					break;
			}
			/* above MeCab's reading of the last part (マリア様) */
			if (words >= 2 && (s == 0 || (!pii__is_kanji(t->cp[s - 1]) &&
						      !pii__is_kata(t->cp[s - 1]))))
				pii__cand_add(c, t, s, ne, PII_PERSON, 0.96);
			else if (words == 1 && ne == i && ne - s >= 2 && ne - s <= 4 &&
				 kata_child_name(t, s, ne, i))
				pii__cand_add(c, t, s, ne, PII_PERSON, 0.8);
		} else if (ne == i && pii__is_hira(t->cp[i - 1]) &&
			   (pii__match(t, i, "ちゃん") || pii__match(t, i, "くん")) &&
			   /* ちゃんと is an adverb; くんと only a name and と
			    * (ゆうきくんとあやのさん; session 25's read files) */
			   !(i + m < t->n && t->cp[i + m] == 0x3068 /* と */ && h == 0x3061 /* ち */) &&
			   honorific_closes(t, i + m)) {
			size_t s = i;
			while (s > 0 && pii__is_hira(t->cp[s - 1]) && i - s < 5)
				s--;
			/* a child joined to another by と or や (ひなたちゃんと
			 * そうすけくん, （2歳）とそうまくん; sixteenth round (a)):
			 * the name starts after the particle */
			size_t joined = joined_child_start(t, i);
			if (joined)
				s = joined;
			else if (i - s < 2 || i - s > 4 || (s > 0 && pii__is_hira(t->cp[s - 1])))
				continue;
			/* a particle after a word is no part of the name (妹の|ゆい
			 * ちゃん, 今日は|おばあちゃん, ninth round) */
			if (i - s >= 3 && s > 0 && (pii__is_kanji(t->cp[s - 1]) || pii__is_kata(t->cp[s - 1])) &&
			    kana_particle(t->cp[s]))
				s++;
			int word = 0;
			for (size_t k = 0; chan_words[k] && !word; k++)
				word = pii__match(t, s, chan_words[k]) == i - s;
			if (!word)
				pii__cand_add(c, t, s, i, PII_PERSON, 0.8);
		}
	}
}

/* Hiragana words that follow names and that ENAMDICT also lists as given
 * names. */
static const char *const not_given[] = {"さん", "さま", "くん", "ちゃん", "たち", "から", "まで",
					"より", "など", "ほか", "です", "ます", "こと", "もの",
					"ため", "とき", "について", "へ", "に", "の", "が", "は",
					"を", "と", "も", "や",
					/* a table's note after a surname (岩崎 俊　上町　なし;
					 * twentieth round (a)) */
					"なし", "ない", "あり", NULL};

/* What may follow a hiragana given name written together with it: です,
 * an honorific, a title of a member (ninth round). */
static const char *const hira_given_follow[] = {"です", "さん", "さま", "くん", "ちゃん", "君",
						"様", "氏", "殿", "議員", "委員", "先生", "来所",
						"来庁", "本人",
						/* a self-introduction (菅原 ひかりと申します;
						 * batches 806-821) */
						"と申します", "といいます", NULL};

/* The end of a hiragana given name of 2-4 code points starting at g that a
 * word of hira_given_follow follows directly, or 0. */
static size_t hira_given_end(const struct pii__text *t, size_t g)
{
	for (size_t e = g + 2; e <= g + 4 && e < t->n; e++) {
		if (!pii__is_hira(t->cp[e - 1]))
			return 0;
		if (match_any(t, e, hira_given_follow))
			return e;
	}
	return 0;
}

/* A surname, a space and a given name in hiragana that ENAMDICT knows as
 * such (対象者 池田 ゆき（…）, 氏名欄 伊藤 ひろみ。): the surname is 1-3 kanji
 * not glued to a word before it, the given name 2-4 hiragana ending the
 * name (punctuation, a bracket, a space, the end), not an honorific or a
 * word that often follows a name. MeCab, which never sees most of these
 * spans, reads such given names as words. */
static void surname_hiragana_given(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	for (size_t i = pii__find_cp(t, 1, ' '); names && i + 2 < t->n; i = pii__find_cp(t, i + 1, ' ')) {
		if (t->cp[i] != ' ' || !pii__is_kanji(t->cp[i - 1]) || !pii__is_hira(t->cp[i + 1]))
			continue;
		size_t a = i;
		while (a > 0 && pii__is_kanji(t->cp[a - 1]) && i - a < 4)
			a--;
		/* after hiragana only with です or a title after the given
		 * name (お電話しました遠藤 さやかです, ninth round) */
		if (i - a > 3 || (a > 0 && (pii__is_kanji(t->cp[a - 1]) || pii__is_kata(t->cp[a - 1]) ||
					    (pii__is_hira(t->cp[a - 1]) && !hira_given_end(t, i + 1)))))
			continue;
		size_t e = i + 1;
		while (e < t->n && pii__is_hira(t->cp[e]) && e - i <= 5)
			e++;
		size_t g = e - i - 1;
		/* ninth round: the given name may run into です or a title (遠藤
		 * さやかです, 佐野 かおり議員, 〔佐野 かおり君登壇〕) */
		size_t fe = hira_given_end(t, i + 1);
		if (fe) {
			e = fe;
			g = e - i - 1;
		} else if (g < 2 || g > 4 ||
			   (e < t->n && (pii__is_hira(t->cp[e]) || pii__is_kanji(t->cp[e]) ||
					 pii__is_kata(t->cp[e])))) {
			continue;
		}
		if (word_is(t, i + 1, e, not_given) || match_any(t, i + 1, honorifics))
			continue;
		if (!(pii__names_lookup(names, t->cp + a, i - a) & PII_NAME_SURNAME) ||
		    !(pii__names_lookup(names, t->cp + i + 1, g) & PII_NAME_GIVEN) ||
		    label_ends_at(t, i))
			continue;
		pii__cand_add(c, t, a, e, PII_PERSON, 0.85);
		i = e;
	}
}

/* A name found as a surname alone, with a given name glued to it that MeCab
 * read otherwise (妻 高野|由香里、): the kanji or hiragana run right after it,
 * 2-3 code points (one is too often a word: 宅, 方) that ENAMDICT lists as a
 * given name and that end at a
 * code point of another kind, is the rest of the name; not a title or an
 * honorific (佐藤課長, 佐藤様). */
static void glued_given_names(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	size_t n = c->n;
	for (size_t k = 0; names && k < n; k++) {
		const struct pii_span *sp = &c->v[k];
		size_t s = sp->start, e = sp->end;
		if (sp->type != PII_PERSON || e >= t->n || e - s < 1 || e - s > 3 ||
		    !all_kanji(t, s, e))
			continue;
		int hira = pii__is_hira(t->cp[e]);
		if (!hira && !pii__is_kanji(t->cp[e]))
			continue;
		size_t g = e;
		while (g < t->n && (hira ? pii__is_hira(t->cp[g]) : pii__is_kanji(t->cp[g])) && g - e < 4)
			g++;
		if (g - e > 3 || (g < t->n && (pii__is_kanji(t->cp[g]) || pii__is_hira(t->cp[g]) ||
					       pii__is_kata(t->cp[g]))) ||
		    g - e < 2 || (hira && word_is(t, e, g, not_given)) ||
		    match_any(t, e, honorifics) || match_any(t, e, titles) ||
		    match_any(t, e, field_words))
			continue;
		if (!(pii__names_lookup(names, t->cp + s, e - s) & PII_NAME_SURNAME) ||
		    !(pii__names_lookup(names, t->cp + e, g - e) & PII_NAME_GIVEN))
			continue;
		pii__cand_add(c, t, s, g, PII_PERSON, sp->confidence);
	}
}

/* A name before an age: 息子の翔太（10歳）, 母（佐々木 トメ、85歳）. The age
 * (（ or 、, 1-3 digits, 歳, then ） or 、) says a person is meant; the run before it, 2-6
 * kanji or kana with at most one space, standing after a non-name code
 * point (の, a bracket, a space, a line start), is a name when ENAMDICT
 * lists it as a surname or a given name, or its first word as a surname. */
static void names_before_age(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	for (size_t i = 1; names && i + 2 < t->n; i++) {
		if ((t->cp[i] != '(' && t->cp[i] != 0x3001 /* 、 */) || !pii__is_digit(t->cp[i + 1]))
			continue;
		size_t d = i + 1;
		while (d < t->n && pii__is_digit(t->cp[d]) && d - i <= 3)
			d++;
		/* a person's age closes there (not 16歳未満, 20歳以上: a rule) */
		if (d + 1 >= t->n || d - i > 4 || t->cp[d] != 0x6B73 /* 歳 */ ||
		    (t->cp[d + 1] != ')' && t->cp[d + 1] != 0x3001 && t->cp[d + 1] != ','))
			continue;
		size_t a = i, space = 0;
		while (a > 0 && i - a < 7) {
			uint32_t p = t->cp[a - 1];
			if (p == ' ' && !space && a < i && a >= 2 && !pii__is_boundary(t->cp[a - 2]) &&
			    t->cp[a - 2] != ' ') {
				space = a - 1;
				a--;
				continue;
			}
			if (!(pii__is_kanji(p) || pii__is_kata(p) || pii__is_hira(p)) || p == 0x306E /* の */)
				break;
			a--;
		}
		if (i - a < 2 || i - a > 6 || (space && space == a))
			continue;
		/* a relation before the space is no surname (第2子 陸（2歳）, ninth
		 * round): the name is the word after it */
		if (space && word_is(t, a, space, role_labels)) {
			a = space + 1;
			space = 0;
			if (i - a < 1)
				continue;
		}
		if (a > 0 && (pii__is_kanji(t->cp[a - 1]) || pii__is_kata(t->cp[a - 1])))
			continue;
		unsigned f = space ? pii__names_lookup(names, t->cp + a, space - a)
				   : pii__names_lookup(names, t->cp + a, i - a);
		if (!(f & (PII_NAME_SURNAME | PII_NAME_GIVEN)) || (space && !(f & PII_NAME_SURNAME)) ||
		    match_any(t, a, titles) || label_ends_at(t, i))
			continue;
		pii__cand_add(c, t, a, i, PII_PERSON, 0.85);
	}
}

/* A surname found alone before a space and a given name in katakana that
 * ENAMDICT reads as one (被保険者 千葉 タケ, where UniDic reads 千葉 as a
 * place and the name rules stop there): the full name, at a confidence
 * above the surname's so that it wins the overlap. */
static void kata_given_after_surname(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	size_t n = c->n;
	for (size_t k = 0; names && k < n; k++) {
		size_t s = c->v[k].start, e = c->v[k].end;
		if (c->v[k].type != PII_PERSON || e - s > 4 || e + 3 >= t->n || t->cp[e] != ' ' ||
		    !all_kanji(t, s, e) || !pii__is_kata(t->cp[e + 1]))
			continue;
		size_t g = e + 1;
		while (g < t->n && pii__is_kata(t->cp[g]) && g - e <= 5)
			g++;
		/* an older woman's given name of katakana and 子 (菊地 ツヤ子様
		 * （昭和29年…）, 盛 ヨシ子さん; batches 346-353): by its shape,
		 * before an honorific or a bracket */
		size_t cl;
		if (g + 1 < t->n && t->cp[g] == 0x5B50 /* 子 */ && g - e - 1 >= 2 && g - e - 1 <= 3 &&
		    (t->cp[g + 1] == '(' || cue_after(t, g + 1, &cl) == 2)) {
			pii__cand_add(c, t, s, g + 1, PII_PERSON,
				      c->v[k].confidence < 0.98 ? c->v[k].confidence + 0.01 : 0.99);
			continue;
		}
		if (g - e - 1 < 2 || g - e - 1 > 4 ||
		    (g < t->n && t->cp[g] != ' ' && t->cp[g] != '(' && t->cp[g] != 0x3001 &&
		     t->cp[g] != ',' && !pii__is_boundary(t->cp[g])))
			continue;
		if (!(pii__names_lookup_kana(names, t->cp + e + 1, g - e - 1) & PII_NAME_GIVEN_KANA) ||
		    word_is(t, e + 1, g, bracket_notes))
			continue;
		pii__cand_add(c, t, s, g, PII_PERSON,
			      c->v[k].confidence < 0.98 ? c->v[k].confidence + 0.01 : 0.99);
	}
}

/* A list's item (a line after a mark: ✓, ✗, ・, ○, -, or none) that opens
 * with a surname of 1-3 kanji ENAMDICT lists, a space and a given name of
 * 2-3 plain katakana it reads as one, before a space, a bracket, punctuation or
 * the line's end: an older person's name written in katakana (✗ 堀 キク
 * 連絡とれず; fourteenth round (a)). */
/* One kanji that open a place's or a thing's word before katakana (東 エ
 * リア, 新 メニュー), though ENAMDICT lists each as a surname. */
static const char *const one_kanji_prefixes[] = {"東", "西", "南", "北", "上", "下", "中", "本",
						 "新", "旧", "大", "小", "全", "各", "第", "前",
						 "後", "左", "右", "内", "外", "計", "金", "銀",
						 "市", "県", "町", "村", "区", "都", "府", NULL};

static int kata_small(uint32_t ch)
{
	return ch == 0x30A1 || ch == 0x30A3 || ch == 0x30A5 || ch == 0x30A7 || ch == 0x30A9 ||
	       ch == 0x30C3 || ch == 0x30E3 || ch == 0x30E5 || ch == 0x30E7 || ch == 0x30EE;
}

static void listed_kata_given(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	const struct pii__names *names = pii__names_get();
	for (size_t ls = 0; names && ls < t->n; ls++) {
		if (ls > 0 && t->cp[ls - 1] != '\n')
			continue;
		size_t s = ls;
		if (s < t->n && !pii__is_kanji(t->cp[s]) && !pii__is_alnum(t->cp[s]) &&
		    !pii__is_kata(t->cp[s]) && t->cp[s] != '\n' && t->cp[s] > 0x7F)
			s++; /* the item's mark */
		else if (s < t->n && (t->cp[s] == '-' || t->cp[s] == '*'))
			s++;
		else if (s + 1 < t->n && pii__is_digit(t->cp[s])) {
			/* or its number and a space (4　藤井 ミツ　上町) */
			while (s < t->n && pii__is_digit(t->cp[s]) && s - ls < 3)
				s++;
			if (s < t->n && (t->cp[s] == '.' || t->cp[s] == ')'))
				s++;
			if (s >= t->n || t->cp[s] != ' ')
				continue;
		}
		if (s < t->n && t->cp[s] == ' ')
			s++;
		size_t i = s;
		while (i < t->n && pii__is_kanji(t->cp[i]) && i - s < 4)
			i++;
		if (i - s < 1 || i - s > 3 || i + 3 >= t->n || t->cp[i] != ' ' ||
		    !pii__is_kata(t->cp[i + 1]))
			continue;
		/* the plain syllables of such names (キク, トメ, ミツヨ): no long
		 * vowel or small kana, which loan words have (ロビー, メッセ) */
		size_t g = i + 1, e = g;
		while (e < t->n && pii__is_kata(t->cp[e]) && e - g <= 4 && t->cp[e] != 0x30FC &&
		       !kata_small(t->cp[e]))
			e++;
		if (e - g < 2 || e - g > 3 ||
		    (e < t->n && t->cp[e] != ' ' && t->cp[e] != '(' && t->cp[e] != '\n' &&
		     t->cp[e] != 0x3001 && !pii__is_boundary(t->cp[e])))
			continue;
		if (!(pii__names_lookup(names, t->cp + s, i - s) & PII_NAME_SURNAME) ||
		    (i - s == 1 && word_is(t, s, i, one_kanji_prefixes)) ||
		    !(pii__names_lookup_kana(names, t->cp + g, e - g) & PII_NAME_GIVEN_KANA) ||
		    word_is(t, s, i, not_names) || word_is(t, s, i, labels) ||
		    word_is(t, g, e, bracket_notes) || word_is(t, g, e, kata_labels) ||
		    person_at(&px, t, c, s, e))
			continue;
		pii__cand_add(c, t, s, e, PII_PERSON, 0.85);
	}
	person_index_release(&px);
}

/* A surname whose first kanji MeCab read as a prefix (相談者：下|小野田
 * 美香, 大|久保田): the name found starts one kanji late, right after a
 * colon, a space, a bracket or a line start; with that kanji the first
 * word is a surname ENAMDICT lists, so the full name is taken (at a
 * confidence above the cut one, so that it wins the overlap). */
static void surname_prefix_kanji(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	size_t n = c->n;
	for (size_t k = 0; names && k < n; k++) {
		size_t s = c->v[k].start, e = c->v[k].end;
		if (c->v[k].type != PII_PERSON || s == 0 || !pii__is_kanji(t->cp[s - 1]) ||
		    !pii__is_kanji(t->cp[s]))
			continue;
		uint32_t b = s >= 2 ? t->cp[s - 2] : '\n';
		if (b != ':' && b != ' ' && b != '\n' && b != '(' && b != 0x3001)
			continue;
		size_t w = s;
		while (w < e && pii__is_kanji(t->cp[w]))
			w++;
		if (w - s + 1 > 4 || w - s < 2)
			continue;
		unsigned f = pii__names_lookup(names, t->cp + s - 1, w - s + 1);
		if (!(f & PII_NAME_SURNAME))
			continue;
		pii__cand_add(c, t, s - 1, e, PII_PERSON,
			      c->v[k].confidence < 0.98 ? c->v[k].confidence + 0.01 : 0.99);
	}
}

/* ---- eleventh round: names and birth dates in person fields --------------- */

/* The year of a date [s, e) that pii__date_end() found (S63.2.29,
 * 昭和13年9月9日, 1972.08.14), or 0 when it cannot be read. */
static unsigned date_year_of(const struct pii__text *t, size_t s, size_t e)
{
	static const struct {
		uint32_t latin, kanji;
		unsigned base;
	} eras[] = {{'M', 0x660E, 1867}, {'T', 0x5927, 1911}, {'S', 0x662D, 1925},
		    {'H', 0x5E73, 1988}, {'R', 0x4EE4, 2018}};
	size_t i = s;
	unsigned base = 0;
	for (size_t k = 0; k < YK_ARRAY_LEN(eras) && !base; k++)
		if (t->cp[s] == eras[k].latin || t->cp[s] == eras[k].kanji)
			base = eras[k].base;
	if (base) {
		i++;
		if (i < e && pii__is_kanji(t->cp[i]) && t->cp[i] != 0x5143 /* 元 */)
			i++; /* 昭和, 平成: the era's second kanji */
		if (i < e && t->cp[i] == 0x5143 /* 元 */)
			return base + 1;
	}
	unsigned y = 0;
	size_t d = i;
	while (i < e && pii__is_digit(t->cp[i]) && i - d < 4)
		y = y * 10 + (t->cp[i++] - '0');
	if (i == d)
		return 0;
	if (base)
		return i - d <= 2 ? base + y : 0;
	return i - d == 4 ? y : 0;
}

/* Relations, and a few persons' fields, that open an item of a list of
 * people with their birth dates (扶養 長女 陽菜 H27.7.7／次女 結衣 R1.12.24). */
static const char *const relative_items[] = {
	"長男", "長女", "次男", "二男", "二女", "次女", "三男", "三女", "四男", "四女", "妻", "夫", "子", "父",
	"母", "祖父", "祖母", "孫", "兄", "姉", "弟", "妹", "義父", "義母", "養子", "配偶者",
	"世帯主", "本人", "対象者", "申告者", "被保険者", NULL,
};

static int item_start(uint32_t c)
{
	return c == ' ' || c == '\n' || c == '/' || c == 0x3001 /* 、 */ || c == ':' || c == '\t' ||
	       c == ',' || c == 0x30FB /* ・ */;
}

static int item_stop(const struct pii__text *t, size_t e)
{
	if (e >= t->n)
		return 1;
	uint32_t c = t->cp[e];
	return c == '\n' || c == ' ' || c == '/' || c == 0x3001 || c == ',' || c == ')' ||
	       c == '\t' || c == 0x3002 /* 。 */;
}

/* A word of a name: 1-6 kanji, or 2-8 kana of one script; its end or 0. */
static size_t name_word_at(const struct pii__text *t, size_t i)
{
	size_t e = i;
	if (i < t->n && pii__is_kanji(t->cp[i])) {
		while (e < t->n && pii__is_kanji(t->cp[e]) && e - i < 6)
			e++;
		/* a given name that ends in kana (ミツ子 is kanji-ended; とし江) */
		return e < t->n && (pii__is_kanji(t->cp[e]) || pii__is_hira(t->cp[e]) ||
				    pii__is_kata(t->cp[e]))
			       ? 0
			       : e;
	}
	int kata = i < t->n && pii__is_kata(t->cp[i]);
	while (e < t->n && e - i < 8 &&
	       (kata ? pii__is_kata(t->cp[e]) : pii__is_hira(t->cp[e])))
		e++;
	/* ミツ子, とし江: kana and one closing kanji */
	if (e > i && e < t->n && pii__is_kanji(t->cp[e]) &&
	    (e + 1 >= t->n || !pii__is_kanji(t->cp[e + 1])))
		e++;
	return e - i >= 2 && e - i <= 8 && (e >= t->n || !pii__is_kanji(t->cp[e])) ? e : 0;
}

/* Given names (or a full name) ENAMDICT can read: a surname for the first
 * word of two, a given name (or a person's name it leaves unclassified)
 * for one word; kana words by their reading. */
static int name_words_ok(const struct pii__text *t, const struct pii__names *names, size_t a,
			 size_t sp, size_t b)
{
	if (word_is(t, a, sp ? sp : b, not_names) || word_is(t, a, sp ? sp : b, role_labels) ||
	    word_is(t, a, sp ? sp : b, bracket_notes))
		return 0; /* 長女 あり R7.4.1: a note, not 長女 陽菜 H27.7.7 */
	size_t n = (sp ? sp : b) - a;
	unsigned f;
	if (pii__is_kanji(t->cp[a]))
		f = n <= 4 ? pii__names_lookup(names, t->cp + a, n) : 0;
	else
		f = (pii__names_lookup_kana(names, t->cp + a, n) &
		     (PII_NAME_SURNAME_KANA | PII_NAME_GIVEN_KANA))
			    ? PII_NAME_SURNAME | PII_NAME_GIVEN
			    : 0;
	if (sp)
		return (f & PII_NAME_SURNAME) != 0;
	return (f & (PII_NAME_GIVEN | PII_NAME_PERSON_U)) != 0;
}

/* A list of people on one line, each a relation (or a person's field), a
 * name and a birth date, the items apart by ／, 、 or spaces (加入者 妻
 * 美咲 H2.5.14／長男 蒼 R3.9.30; 扶養 長女 陽菜 H27.7.7; 対象者：杉山 和也 /
 * 1972.08.14; 長男 石井 翔太 767850172128 H15.2.9): the date is a birth
 * date, and the name a person's, when ENAMDICT reads it as one. A
 * person's field that is no relation (世帯主, 対象者…) takes a date of
 * 2012 or before only (a filing's date is recent). */
static void relatives_with_dates(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	const struct pii__names *names = pii__names_get();
	if (!names)
		return;
	/* the list's first code points (長, 妻, 子, 世…) in a tight loop:
	 * most positions are none */
	const struct pii__kwlist *L = pii__kwlist_get(relative_items);
	for (size_t i = 0; i + 4 < t->n; i++) {
		if (L && !L->plain) {
			while (i + 4 < t->n && !pii__kw_has(L->first, t->cp[i]))
				i++;
			if (i + 4 >= t->n)
				break;
		}
		/* after a space or a separator; a person's field may close a
		 * longer word (調査対象者：) */
		int glued = i > 0 && !item_start(t->cp[i - 1]);
		if (glued && !(pii__is_kanji(t->cp[i - 1]) && i + 2 < t->n &&
			       t->cp[i + 2] == 0x8005 /* 者 */))
			continue;
		size_t m = pii__match_any(t, i, relative_items);
		if (!m || (glued && m != 3))
			continue;
		size_t j = i + m;
		if (j >= t->n || (t->cp[j] != ' ' && t->cp[j] != ':'))
			continue;
		int relation = pii__ends_with(t, i, j, relative_items) && !pii__match(t, i, "世帯主") &&
			       !pii__match(t, i, "本人") && !pii__match(t, i, "対象者") &&
			       !pii__match(t, i, "申告者") && !pii__match(t, i, "被保険者");
		j++;
		while (j < t->n && t->cp[j] == ' ')
			j++;
		size_t a = j, w1 = name_word_at(t, a);
		if (!w1)
			continue;
		size_t sp = 0, b = w1;
		if (b + 1 < t->n && t->cp[b] == ' ') {
			size_t w2 = name_word_at(t, b + 1);
			/* a second word of a name, not the date's era (S63…) */
			if (w2) {
				sp = b;
				b = w2;
			}
		}
		size_t k = b;
		while (k < t->n && t->cp[k] == ' ')
			k++;
		if (k == b && !(k < t->n && t->cp[k] == '/'))
			continue;
		if (k < t->n && t->cp[k] == '/') { /* 杉山 和也 / 1972.08.14 */
			k++;
			while (k < t->n && t->cp[k] == ' ')
				k++;
		}
		/* a My Number between the name and the date */
		size_t d = k;
		while (d < t->n && pii__is_digit(t->cp[d]))
			d++;
		if (d - k == 12 && d < t->n && t->cp[d] == ' ')
			k = d + 1;
		if (k >= t->n || (!pii__is_digit(t->cp[k]) && !pii__is_upper(t->cp[k]) &&
				  !pii__is_kanji(t->cp[k])))
			continue;
		size_t e = pii__date_end(t, k);
		if (!e || e - k < 5 || !item_stop(t, e))
			continue;
		unsigned y = date_year_of(t, k, e);
		if (y < 1880 || y > 2030 || (!relation && y > 2012))
			continue;
		int known = person_at(&px, t, c, a, b);
		if (!known && !name_words_ok(t, names, a, sp, b))
			continue;
		if (!known)
			pii__cand_add(c, t, a, b, PII_PERSON, 0.85);
		pii__cand_add(c, t, k, e, PII_DATE_OF_BIRTH, 0.9);
		i = e - 1;
	}
	person_index_release(&px);
}

/* A birth date in brackets after a name and its honorific (德永 ミツ子 様
 * （昭和13年9月9日）): the bracket holds a full date alone, of 2012 or
 * before (a meeting's date after a committee's name has no honorific; a
 * visit's date after 様 is recent). */
static void birth_date_after_honorific(const struct pii__text *t, struct pii__cands *c)
{
	static const char *const hon[] = {"様", "さま", "さん", "殿", "くん", "ちゃん", NULL};
	for (size_t i = pii__find_cp(t, 2, '('); i + 7 < t->n; i = pii__find_cp(t, i + 1, '(')) {
		if (t->cp[i] != '(')
			continue;
		size_t h = pii__ends_with(t, 0, i, hon);
		if (!h)
			continue;
		int child = t->cp[i - 1] == 0x3093 /* ん of くん, ちゃん */ && t->cp[i - 2] != 0x3055;
		size_t p = i - h;
		if (p > 0 && t->cp[p - 1] == ' ')
			p--;
		if (p == 0 || !(pii__is_kanji(t->cp[p - 1]) || pii__is_kata(t->cp[p - 1]) ||
				pii__is_hira(t->cp[p - 1]) || pii__is_latin(t->cp[p - 1])))
			continue;
		/* a child's age or class before the date (蓮くん（1歳児、R5.2.8）) */
		size_t q = i + 1, d = q;
		while (q < t->n && pii__is_digit(t->cp[q]) && q - d < 2)
			q++;
		if (child && q > d && q + 1 < t->n && t->cp[q] == 0x6B73 /* 歳 */) {
			q++;
			if (t->cp[q] == 0x5150 /* 児 */)
				q++;
			if (q < t->n && t->cp[q] == 0x3001 /* 、 */)
				d = q + 1;
		}
		size_t e = d < t->n ? pii__date_end(t, d) : 0;
		if (!e || e >= t->n || t->cp[e] != ')' || e - d < 5 || (d == i + 1 && e - d < 6))
			continue;
		unsigned y = date_year_of(t, d, e);
		if (y < 1880 || y > (child ? 2030u : 2012u))
			continue;
		pii__cand_add(c, t, d, e, PII_DATE_OF_BIRTH, 0.9);
	}
}

/* Units whose member speaks in a chat or a memo line (国際交流協会 菅原：,
 * 職員 田中：, 市 竹内：): the word before the speaker's space ends so. */
static const char *const speaker_units[] = {
	"課", "係", "室", "会", "センター", "事務所", "支所", "局", "部", "班", "職員", "市", "町",
	"村", "社", "団", "園", "館", NULL,
};

/* Words of a form's or a notice's fields that ENAMDICT also lists as
 * surnames (総務課 場所：…, 市民課 日時：…): no speaker. */
static const char *const notice_words[] = {
	"日時", "場所", "内容", "件名", "備考", "期限", "結果", "理由", "連絡", "受付", "窓口",
	"住所", "電話", "対象", "時間", "会場", "期間", "金額", "方法", "宛先", NULL,
};

/* Staff words that a chat writes glued to the speaker's surname (職員大塚：,
 * 係員中村：), or before it in brackets after a check (（職員 小松）). */
static const char *const staff_words[] = {"職員", "係員", "担当者", "担当", NULL};

/* 職員大塚：… at a line's start, or （職員 小松） closing a note: a surname
 * ENAMDICT lists, 1-3 kanji, after a staff word (twelfth round (a)). */
static void staff_speaker(const struct pii__text *t, const struct pii__names *names, size_t i,
			  struct pii__cands *c, struct person_index *px)
{
	size_t a = i;
	while (a > 0 && pii__is_kanji(t->cp[a - 1]) && i - a < 7)
		a--;
	if (t->cp[i] == ')') {
		/* （職員 小松）: the staff word opens the bracket, a space */
		if (a < 2 || t->cp[a - 1] != ' ')
			return;
		size_t ue = a - 1, u = ue;
		while (u > 0 && pii__is_kanji(t->cp[u - 1]) && ue - u < 4)
			u--;
		if (u == 0 || t->cp[u - 1] != '(' || !pii__is_word(t, u, ue, staff_words))
			return;
	} else {
		size_t m = match_any(t, a, staff_words);
		if (!m || !line_opens(t, a))
			return;
		a += m;
	}
	if (a >= i || i - a > 3 || word_is(t, a, i, not_names) || word_is(t, a, i, titles) ||
	    word_is(t, a, i, notice_words) || word_is(t, a, i, role_labels) ||
	    word_is(t, a, i, field_words) || word_is(t, a, i, labels) || person_at(px, t, c, a, i))
		return;
	if (pii__names_lookup(names, t->cp + a, i - a) & PII_NAME_SURNAME)
		pii__cand_add(c, t, a, i, PII_PERSON, 0.85);
}

/* A speaker named by a surname alone after a unit and a space, before a
 * colon, the unit opening its line or following a time ([14:20] 国際交流
 * 協会 菅原：…): the surname ENAMDICT lists, 1-4 kanji. The same pass
 * looks for a staff word's speaker (staff_speaker()) and a Chinese name at
 * its marks (zh_name_at()). */
/* A note signed at its end by a surname after a wave dash (…折り返しお願い
 * します。〜高橋, 以上 ～佐々木; fifteenth round (a)): after a sentence's end
 * or a space, one to three kanji that ENAMDICT lists as a surname, then
 * the line's or the text's end. */
static void wave_signature(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	const struct pii__names *names = pii__names_get();
	if (!names)
		return;
	/* the surname ends a line: walk the lines' ends (a long text has
	 * few) and look back for the kanji and the dash, instead of testing
	 * every code point for a dash */
	for (size_t from = 0, e = 0; from <= t->n; from = e + 1) {
		e = pii__find_cp(t, from, '\n');
		size_t k = 0;
		while (k < 4 && e - k > 0 && pii__is_kanji(t->cp[e - k - 1]))
			k++;
		if (k == 0 || k > 3 || e - k < 2)
			continue;
		size_t s = e - k, i = s - 1;
		uint32_t ch = t->cp[i];
		/* a wave dash, or a dash, which the fold made '-' (…在宅との
		 * こと。—稲垣; twenty-second round (a)) */
		if (ch != 0x301C && ch != 0xFF5E && ch != '~' && ch != '-')
			continue;
		uint32_t p = t->cp[i - 1];
		if (p != 0x3002 && p != ' ' && p != '\n' && p != '!' && p != 0xFF01)
			continue;
		unsigned f = pii__names_lookup(names, t->cp + s, e - s);
		/* a surname that is also a place (高橋, 東京) only after a
		 * note's close by a verb (…します。〜高橋, …ください。), which a
		 * heading's range (5月。〜東京) or a statement (…大阪です。〜京都)
		 * does not have */
		size_t b = i;
		while (b > 0 && (t->cp[b - 1] == ' ' || t->cp[b - 1] == '\n'))
			b--;
		int polite = b >= 3 && t->cp[b - 1] == 0x3002 &&
			     (pii__match(t, b - 3, "ます") || pii__match(t, b - 3, "した") ||
			      pii__match(t, b - 3, "さい") ||
			      /* a reported close (…在宅とのこと。) */
			      (b >= 5 && pii__match(t, b - 5, "とのこと")));
		if ((f & PII_NAME_SURNAME) && (!(f & PII_NAME_PLACE) || polite) &&
		    !person_at(&px, t, c, s, e))
			pii__cand_add(c, t, s, e, PII_PERSON, 0.8);
	}
	person_index_release(&px);
}

static void speaker_after_unit(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	const struct pii__names *names = pii__names_get();
	if (!names)
		return;
	/* only the marks' positions: most of a long text holds none */
	static const uint32_t marks[] = {')', '(', '/', ':'};
	struct pii__walk w;
	pii__walk_init(&w, t, 2, marks, 4);
	for (size_t i; (i = pii__walk_next(&w)) < t->n;) {
		uint32_t ch = t->cp[i];
		if (ch == ')' && pii__is_kanji(t->cp[i - 1])) {
			staff_speaker(t, names, i, c, &px);
			continue;
		}
		if (ch == '(' || ch == '/' || ch == ':')
			zh_name_at(t, i, c);
		if (ch != ':')
			continue;
		if (pii__is_kanji(t->cp[i - 1]) && t->cp[i - 2] != ' ')
			staff_speaker(t, names, i, c, &px);
		size_t a = i;
		while (a > 0 && pii__is_kanji(t->cp[a - 1]) && i - a < 5)
			a--;
		if (a == i || i - a > 4 || a < 2 || t->cp[a - 1] != ' ')
			continue;
		size_t ue = a - 1, u = ue;
		while (u > 0 && (pii__is_kanji(t->cp[u - 1]) || pii__is_kata(t->cp[u - 1])) &&
		       ue - u < 12)
			u--;
		if (u == ue || !pii__ends_with(t, u, ue, speaker_units))
			continue;
		/* the unit opens the line, or follows a time ([14:20] , 14:20 ) */
		if (u > 0 && t->cp[u - 1] != '\n') {
			if (t->cp[u - 1] != ' ' || u < 2 ||
			    (t->cp[u - 2] != ']' && !pii__is_digit(t->cp[u - 2])))
				continue;
		}
		if (pii__ends_with(t, a, i, speaker_units) || word_is(t, a, i, not_names) ||
		    word_is(t, a, i, titles) || word_is(t, a, i, field_words) ||
		    word_is(t, a, i, notice_words) || word_is(t, a, i, labels) ||
		    person_at(&px, t, c, a, i))
			continue;
		unsigned f = pii__names_lookup(names, t->cp + a, i - a);
		if (!(f & PII_NAME_SURNAME))
			continue;
		pii__cand_add(c, t, a, i, PII_PERSON, 0.85);
	}
	person_index_release(&px);
}

/* A given name in katakana before ちゃん or くん right after a relation
 * and a space (長男 アーユッシュくん, 次女 ミンソちゃん): 2-8 katakana, not
 * a pet's or a parent's word (ワン, ママ…); foreign given names that
 * ENAMDICT does not read, so the relation is the evidence (kata_not_child[]
 * is above kata_child_name()). */
static void kata_child_after_relation(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	for (size_t i = 2; i + 3 < t->n; i++) {
		if (t->cp[i] != ' ' || !pii__is_kanji(t->cp[i - 1]) || !pii__is_kata(t->cp[i + 1]))
			continue;
		size_t e = i + 1;
		while (e < t->n && pii__is_kata(t->cp[e]) && e - i <= 9)
			e++;
		if (e - i - 1 < 2 || e - i - 1 > 8 || e >= t->n ||
		    (!pii__match(t, e, "ちゃん") && !pii__match(t, e, "くん")))
			continue;
		size_t r = i;
		while (r > 0 && pii__is_kanji(t->cp[r - 1]) && i - r < 3)
			r--;
		if (!word_is(t, r, i, role_labels) || (r > 0 && pii__is_kanji(t->cp[r - 1])) ||
		    word_is(t, i + 1, e, kata_not_child) || person_at(&px, t, c, i + 1, e))
			continue;
		pii__cand_add(c, t, i + 1, e, PII_PERSON, 0.85);
		i = e;
	}
	person_index_release(&px);
}

/* Relations in hiragana, as residents learning Japanese write them in a
 * chat (むすこ アユシュ 2さい, つまの マリア). */
static const char *const kana_relations[] = {"むすこ", "むすめ", "おっと", "つま", "おくさん",
					      "だんな", "あかちゃん", NULL};

/* A katakana given name after a relation in hiragana and a space or の
 * (thirteenth round (a)): 2-8 katakana, then a space and a number (an
 * age), a bracket, punctuation, a particle or the line's end; the relation
 * after a boundary, the name no pet's or parent's word. */
static void kata_after_kana_relation(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	for (size_t i = 3; i + 2 < t->n; i++) {
		if ((t->cp[i] != ' ' && t->cp[i] != 0x306E /* の */) ||
		    !pii__is_hira(t->cp[i - 1]) ||
		    !pii__is_kata(t->cp[i + 1]) || t->cp[i + 1] == 0x30FC /* ー */)
			continue;
		size_t r = i;
		while (r > 0 && pii__is_hira(t->cp[r - 1]) && i - r < 5)
			r--;
		size_t m = i;
		for (size_t a = r; a + 2 <= i && m == i; a++)
			if (pii__is_word(t, a, i, kana_relations))
				m = a;
		if (m == i)
			continue;
		uint32_t p = m > 0 ? t->cp[m - 1] : '\n';
		if (!(p == '\n' || p == ' ' || p == ':' || p == 0x3001 || p == 0x3002 ||
		      p == 0x300C || p == 0x306E /* の: うちの むすこ */))
			continue;
		size_t e = i + 1;
		while (e < t->n && pii__is_kata(t->cp[e]) && e - i <= 9)
			e++;
		if (e - i - 1 < 2 || e - i - 1 > 8 || word_is(t, i + 1, e, kata_not_child) ||
		    person_at(&px, t, c, i + 1, e))
			continue;
		uint32_t q = e < t->n ? t->cp[e] : '\n';
		int ends = q == '\n' || q == '(' || q == 0x3001 || q == 0x3002 || q == ',' ||
			   q == 0x306F /* は */ || q == 0x304C /* が */ || q == 0x3082 /* も */ ||
			   pii__match(t, e, "です") ||
			   (q == ' ' && e + 1 < t->n && pii__is_digit(t->cp[e + 1]));
		if (ends)
			pii__cand_add(c, t, i + 1, e, PII_PERSON, 0.8);
		i = e;
	}
	person_index_release(&px);
}

/* A given name in Latin letters alone before ちゃん or くん after a
 * relation and a space, or after 、, ・ or a bracket (長女 Vyちゃん（4歳）):
 * a capitalised word of 2-12 letters, no stop word of the Latin rule. */
static void latin_given_before_chan(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	for (size_t i = 0; i + 3 < t->n; i++) {
		if (!pii__is_upper(t->cp[i]) || (i > 0 && pii__is_latin(t->cp[i - 1])))
			continue;
		size_t e = i + 1;
		while (e < t->n && pii__is_alpha(t->cp[e]) && !pii__is_upper(t->cp[e]) && e - i < 12)
			e++;
		if (e - i < 2 || e >= t->n || pii__is_latin(t->cp[e]) ||
		    (!pii__match(t, e, "ちゃん") && !pii__match(t, e, "くん")))
			continue;
		int ok = i == 0 || t->cp[i - 1] == '\n' || t->cp[i - 1] == 0x3001 ||
			 t->cp[i - 1] == 0x30FB || t->cp[i - 1] == '(' || t->cp[i - 1] == 0x300C;
		if (!ok && t->cp[i - 1] == ' ') {
			size_t r = i - 1;
			while (r > 0 && pii__is_kanji(t->cp[r - 1]) && i - 1 - r < 3)
				r--;
			ok = r < i - 1 && word_is(t, r, i - 1, role_labels) &&
			     (r == 0 || !pii__is_kanji(t->cp[r - 1]));
		}
		if (!ok || is_latin_stop(t, i, e) || person_at(&px, t, c, i, e))
			continue;
		pii__cand_add(c, t, i, e, PII_PERSON, 0.85);
		i = e;
	}
	person_index_release(&px);
}

/* 1 when a relation or a person's label (role_labels[], labels[]) ends
 * right before a space or ':' at b - 1 and stands alone: it opens its line
 * or follows a space, 、, ・, ':' or a bracket (児 蒼くん, 夫：Pradeep（…）). */
static int relation_before(const struct pii__text *t, size_t b)
{
	if (b < 2 || (t->cp[b - 1] != ' ' && t->cp[b - 1] != ':'))
		return 0;
	size_t e = b - 1, a = e;
	while (a > 0 && pii__is_kanji(t->cp[a - 1]) && e - a < 4)
		a--;
	if (a == e || !(word_is(t, a, e, role_labels) || word_is(t, a, e, labels)))
		return 0;
	uint32_t p = a > 0 ? t->cp[a - 1] : '\n';
	return p == '\n' || p == ' ' || p == 0x3001 || p == 0x30FB || p == ':' || p == '(' ||
	       p == ')';
}

/* A child's given name of one or two kanji after a relation and a space,
 * before くん, ちゃん or 君 (児 蒼くん, 長男 湊くん, 次女 結ちゃん; twelfth
 * round (a)): ENAMDICT lists it as a given name. */
static void kanji_child_after_relation(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	const struct pii__names *names = pii__names_get();
	for (size_t h = 3; names && h + 1 < t->n; h++) {
		uint32_t ch = t->cp[h];
		if ((ch != 0x304F /* く */ && ch != 0x3061 /* ち */ && ch != 0x541B /* 君 */) ||
		    !pii__is_kanji(t->cp[h - 1]))
			continue;
		if (ch != 0x541B && !pii__match(t, h, "くん") && !pii__match(t, h, "ちゃん"))
			continue;
		size_t g = h - 1;
		if (g > 0 && pii__is_kanji(t->cp[g - 1]))
			g--;
		if (g < 2 || t->cp[g - 1] != ' ' || !relation_before(t, g) ||
		    word_is(t, g, h, not_names) || person_at(&px, t, c, g, h) ||
		    !(pii__names_lookup(names, t->cp + g, h - g) & PII_NAME_GIVEN))
			continue;
		pii__cand_add(c, t, g, h, PII_PERSON, 0.85);
	}
	person_index_release(&px);
}

/* The household an address is given in care of: （川原方） right after the
 * address's number (…三原二丁目31-7（川原方）, 1-2-3（山田 方）): a surname
 * ENAMDICT lists, 1-3 kanji, then 方 closing the bracket (twelfth round
 * (a)). A company's or a building's name in that place (（株式会社…方）) has
 * more than three kanji or is not a surname. */
static void care_of_household(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	for (size_t i = 2; names && i + 3 < t->n; i++) {
		if (t->cp[i] != '(' || !pii__is_digit(t->cp[i - 1]))
			continue;
		size_t e = i + 1;
		while (e < t->n && pii__is_kanji(t->cp[e]) && t->cp[e] != 0x65B9 /* 方 */ && e - i <= 4)
			e++;
		size_t h = e < t->n && t->cp[e] == ' ' ? e + 1 : e;
		if (e == i + 1 || e - i > 4 || h + 1 >= t->n || t->cp[h] != 0x65B9 ||
		    t->cp[h + 1] != ')' || word_is(t, i + 1, e, not_names))
			continue;
		if (pii__names_lookup(names, t->cp + i + 1, e - i - 1) & PII_NAME_SURNAME)
			pii__cand_add(c, t, i + 1, e, PII_PERSON, 0.85);
	}
}

/* A katakana name found from inside its word (アディ|カリさん: MeCab cut
 * the word and tagged its end) before an honorific: the whole katakana word
 * is the name, at the same confidence, so that the longer span wins
 * (twelfth round (a)). */
static void kata_name_whole_word(const struct pii__text *t, struct pii__cands *c, size_t from)
{
	size_t n = c->n;
	for (size_t k = from; k < n; k++) {
		size_t s = c->v[k].start, e = c->v[k].end, cl;
		if (c->v[k].type != PII_PERSON || s == 0 || !pii__is_kata(t->cp[s]) ||
		    !pii__is_kata(t->cp[s - 1]) || t->cp[s - 1] == 0x30FB || !all_kata(t, s, e) ||
		    cue_after(t, e, &cl) != 2)
			continue;
		size_t a = s;
		while (a > 0 && pii__is_kata(t->cp[a - 1]) && t->cp[a - 1] != 0x30FB && e - a <= 10)
			a--;
		if (e - a > 10 || (a > 0 && pii__is_kata(t->cp[a - 1])))
			continue;
		pii__cand_add(c, t, a, e, PII_PERSON, c->v[k].confidence);
	}
}

/* Titles of a person, not of a unit's head (課長 after 福祉 is the
 * section's): what may follow a given name glued. */
static const char *const person_titles[] = {"議員", "委員長", "委員", "議長", "副議長", "主査",
					     "主任", "主事", "主幹", "参事", "保健師", "理事",
					     "教諭", "医師", "技師", NULL};

/* A surname ENAMDICT lists (2-3 kanji after no kanji), a space and a
 * given name of 1-3 kanji that ENAMDICT need not know, where the layout of
 * minutes says a person is meant (thirteenth round (a)): a title glued
 * after it (次に、大石 仁人議員。) or the brackets after a seat's number or a
 * title (○37番（大石 仁人）, ○議長（村上 幸一）). */
static void spaced_name_titled(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	const struct pii__names *names = pii__names_get();
	if (!names)
		return;
	for (size_t i = pii__find_cp(t, 2, ' '); i + 2 < t->n; i = pii__find_cp(t, i + 1, ' ')) {
		if (t->cp[i] != ' ' || !pii__is_kanji(t->cp[i - 1]) || !pii__is_kanji(t->cp[i + 1]))
			continue;
		size_t s = i;
		while (s > 0 && pii__is_kanji(t->cp[s - 1]) && i - s < 4)
			s--;
		/* a seat's number glued before the surname (5番佐藤 真由美議員;
		 * fourteenth round (a)) */
		int seat = s > 0 && s < i && t->cp[s] == 0x756A /* 番 */ && pii__is_digit(t->cp[s - 1]);
		if (seat)
			s++;
		if (i - s < 2 || i - s > 3 || (!seat && s > 0 && pii__is_kanji(t->cp[s - 1])))
			continue;
		size_t g = i + 1, r = g;
		while (r < t->n && pii__is_kanji(t->cp[r]) && r - g < 8)
			r++;
		size_t e = 0, m;
		if (s > 0 && t->cp[s - 1] == '(') {
			/* the bracket after a seat's number or a title */
			size_t o = s - 1;
			if (r - g <= 3 && r < t->n && t->cp[r] == ')' && o > 0 &&
			    (t->cp[o - 1] == 0x756A /* 番 */ ||
			     pii__ends_with(t, o > 4 ? o - 4 : 0, o, titles)))
				e = r;
			/* minutes write the speaker with 君 in the bracket
			 * (○7番（齊藤 美香君）; batches 426-429): the
			 * honorific, not the given name's last kanji (read as
			 * one, the name written again before 君 was taken
			 * with it) */
			if (e && r - g >= 2 && t->cp[r - 1] == 0x541B /* 君 */)
				e = r - 1;
		} else {
			/* a person's title glued after a given name of 1-3 kanji,
			 * then no kanji (not a unit's: 市側 福祉課長) */
			for (size_t l = 1; l <= 3 && g + l < r && !e; l++)
				if ((m = match_any(t, g + l, person_titles)) && g + l + m == r)
					e = g + l;
		}
		if (!e || word_is(t, s, i, not_names) || word_is(t, s, i, titles) ||
		    word_is(t, s, i, labels) || word_is(t, s, i, role_labels) ||
		    word_is(t, g, e, titles) || (!seat && person_at(&px, t, c, s, e)) ||
		    !(pii__names_lookup(names, t->cp + s, i - s) & PII_NAME_SURNAME))
			continue;
		/* after a seat, a candidate over the number's 番 is no name */
		pii__cand_add(c, t, s, e, PII_PERSON, seat ? 0.9 : 0.85);
		i = e;
	}
	person_index_release(&px);
}

/* ---- sixteenth round (a) ---------------------------------------------- */

/* Labels inside a bracket that give a person's name in another script
 * (張さん（中文表記 张丽）, 金さん（ハングル 김민준）). */
static const char *const spelling_labels[] = {
	"中文表記", "中国語表記", "中国語名", "中文名", "中文", "簡体字表記", "簡体字", "简体字",
	"簡体", "本国表記", "原語表記", "母国語表記", "ハングル表記", "ハングル", "韓国語表記",
	"韓国語名", "한글", NULL};

/* A name in another script after a label of spelling_labels at a
 * bracket's opening (sixteenth round (a)): then a space or a colon, and
 * two to four Chinese characters that open with a Chinese or Korean
 * surname (cjk_surname()), or two to four Hangul syllables that open with
 * a Korean one, before the bracket's end, 、 or a space. */
static void spelled_in_bracket(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	for (size_t o = pii__skip_to_cp(t, 0, '('); o + 3 < t->n; o = pii__skip_to_cp(t, o + 1, '(')) {
		size_t m = pii__match_any(t, o + 1, spelling_labels);
		if (!m)
			continue;
		size_t s = o + 1 + m;
		if (s < t->n && (t->cp[s] == ' ' || t->cp[s] == ':'))
			s++;
		if (s >= t->n)
			break;
		int han = pii__is_kanji(t->cp[s]) && cjk_surname(t->cp[s]);
		int ko = is_hangul(t->cp[s]) && pii__ko_surname(t->cp[s]);
		if (!han && !ko)
			continue;
		size_t e = s;
		while (e < t->n && e - s < 5 && (han ? pii__is_kanji(t->cp[e]) : is_hangul(t->cp[e])))
			e++;
		if (e - s < 2 || e - s > 4 || e >= t->n ||
		    (t->cp[e] != ')' && t->cp[e] != 0x3001 && t->cp[e] != ' ') ||
		    person_at(&px, t, c, s, e))
			continue;
		pii__cand_add(c, t, s, e, PII_PERSON, 0.85);
	}
	person_index_release(&px);
}

/* Kin's words a family says after a given name (浩二兄さん, 正子おばさん). */
static const char *const kin_after_given[] = {
	"兄さん", "姉さん", "兄ちゃん", "姉ちゃん", "おじさん", "おばさん", "おじちゃん",
	"おばちゃん", "叔父さん", "叔母さん", "伯父さん", "伯母さん", NULL};

/* A given name before a kin's word (sixteenth round (a)): 2-3 kanji that
 * ENAMDICT lists as a given name and no relation's word, after a code
 * point that is no kanji (お兄さん, 義兄さん name no one). */
static void given_before_kin(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	const struct pii__names *names = pii__names_get();
	for (size_t i = 2; names && i + 2 < t->n; i++) {
		uint32_t ch = t->cp[i];
		if (ch != 0x5144 /* 兄 */ && ch != 0x59C9 /* 姉 */ && ch != 0x304A /* お */ &&
		    ch != 0x53D4 /* 叔 */ && ch != 0x4F2F /* 伯 */)
			continue;
		if (!pii__is_kanji(t->cp[i - 1]) || !pii__match_any(t, i, kin_after_given))
			continue;
		size_t a = i - 1;
		while (a > 0 && pii__is_kanji(t->cp[a - 1]) && i - a < 4)
			a--;
		if (i - a < 2 || i - a > 3 || (a > 0 && pii__is_kanji(t->cp[a - 1])) ||
		    person_at(&px, t, c, a, i) || is_not_name(t, a, i))
			continue;
		unsigned f = pii__names_lookup(names, t->cp + a, i - a);
		if (!(f & PII_NAME_GIVEN) || (f & PII_NAME_PLACE && a > 0 && t->cp[a - 1] == 0x306E))
			continue;
		pii__cand_add(c, t, a, i, PII_PERSON, 0.8);
	}
	person_index_release(&px);
}

/* Relations in Chinese after a personal pronoun (我女儿, 她丈夫, 我的儿子). */
static const char *const zh_relations[] = {
	"女儿", "儿子", "孩子", "丈夫", "老公", "妻子", "太太", "老婆", "爱人", "妈妈", "爸爸",
	"母亲", "父亲", "哥哥", "姐姐", "弟弟", "妹妹", "孙子", "孙女", NULL};

/* Characters that open a verb, an adverb or a time after a relation, not
 * a name (我女儿生病的…, 我老公在公司…, 我儿子今年…). */
static int zh_not_name_start(uint32_t c)
{
	/* 生上去在也还又都没不很已现今明昨要想得刚就才一的是和跟说把被给从到有会能可这那
	 * 每身病住工读学出回来看找用做办需应让叫, sorted */
	static const uint32_t words[] = {
		0x4E00, 0x4E0A, 0x4E0D, 0x4E5F, 0x4ECA, 0x4ECE, 0x4F1A, 0x4F4F, 0x505A, 0x51FA,
		0x521A, 0x5230, 0x529E, 0x53BB, 0x53C8, 0x53EB, 0x53EF, 0x548C, 0x56DE, 0x5728,
		0x5B66, 0x5C31, 0x5DE5, 0x5DF2, 0x5E94, 0x5F88, 0x5F97, 0x60F3, 0x624D, 0x627E,
		0x628A, 0x660E, 0x6628, 0x662F, 0x6709, 0x6765, 0x6BCF, 0x6CA1, 0x73B0, 0x751F,
		0x7528, 0x75C5, 0x7684, 0x770B, 0x7ED9, 0x80FD, 0x88AB, 0x8981, 0x8BA9, 0x8BF4,
		0x8BFB, 0x8DDF, 0x8EAB, 0x8FD8, 0x8FD9, 0x90A3, 0x90FD, 0x9700,
	};
	return pii__cp_in_sorted(words, YK_ARRAY_LEN(words), c);
}

/* What ends a name after a Chinese relation: 的, punctuation, a bracket,
 * a space, or a verb's or a time's first character. */
static int zh_name_stop(uint32_t c)
{
	return c == 0x7684 /* 的 */ || c == 0xFF0C || c == ',' || c == 0x3002 || c == 0x3001 ||
	       c == '(' || c == ' ' || c == '\n' || c == 0x4ECA /* 今 */ || c == 0x5728 /* 在 */ ||
	       c == 0x662F /* 是 */ || c == 0x4E5F /* 也 */ || c == 0x8FD8 /* 还 */ ||
	       c == 0x5DF2 /* 已 */ || c == 0x521A /* 刚 */ || c == 0x8981 /* 要 */ ||
	       c == 0x548C /* 和 */;
}

/* A given name after a relation in a Chinese sentence (您好，我女儿小雨的保险证
 * 还没收到; sixteenth round (a)): after 我, 你, 您, 他 or 她 (and 的), a
 * relation of zh_relations, then two or three characters that open with
 * no verb's or adverb's character, before one of zh_name_stop(). */
static void zh_relation_names(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	for (size_t i = 0; i + 4 < t->n; i++) {
		uint32_t ch = t->cp[i];
		if (ch != 0x6211 /* 我 */ && ch != 0x4ED6 /* 他 */ && ch != 0x5979 /* 她 */ &&
		    ch != 0x60A8 /* 您 */ && ch != 0x4F60 /* 你 */)
			continue;
		size_t r = i + 1 + (t->cp[i + 1] == 0x7684 /* 的 */);
		size_t m = pii__match_any(t, r, zh_relations);
		if (!m)
			continue;
		size_t s = r + m, e = 0;
		if (s + 2 >= t->n || !pii__is_kanji(t->cp[s]) || zh_not_name_start(t->cp[s]))
			continue;
		if (pii__is_kanji(t->cp[s + 1]) && zh_name_stop(t->cp[s + 2]))
			e = s + 2;
		else if (s + 3 < t->n && pii__is_kanji(t->cp[s + 1]) && pii__is_kanji(t->cp[s + 2]) &&
			 zh_name_stop(t->cp[s + 3]))
			e = s + 3;
		if (!e || person_at(&px, t, c, s, e))
			continue;
		pii__cand_add(c, t, s, e, PII_PERSON, 0.8);
	}
	person_index_release(&px);
}

/* A full name of a surname in kanji and a given name in katakana inside a
 * sentence (保険証は丸山 キヨの名前で; sixteenth round (a)): after a code
 * point that is no kanji, 1-3 kanji ENAMDICT lists as a surname (no
 * prefix of one_kanji_prefixes), a space, 2-4 plain katakana (no ー) it
 * reads as a given name, then a particle, an honorific, a bracket, punctuation or
 * the line's end; a name older people and forms write this way. */
static void surname_kata_given_in_text(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	const struct pii__names *names = pii__names_get();
	for (size_t i = pii__skip_to_cp(t, 1, ' '); names && i + 3 < t->n;
	     i = pii__skip_to_cp(t, i + 1, ' ')) {
		if (!pii__is_kanji(t->cp[i - 1]) || !pii__is_kata(t->cp[i + 1]) || pii__raw_tab(t, i))
			continue;
		size_t a = i - 1;
		while (a > 0 && pii__is_kanji(t->cp[a - 1]) && i - a < 4)
			a--;
		/* not a name's given name and the next cell (宮城 光<TAB>ミヤギ) */
		if (i - a > 3 || (a > 0 && (pii__is_kanji(t->cp[a - 1]) || t->cp[a - 1] == ' ')) ||
		    (i - a == 1 && word_is(t, a, i, one_kanji_prefixes)) ||
		    !(pii__names_lookup(names, t->cp + a, i - a) & PII_NAME_SURNAME) ||
		    is_not_name(t, a, i))
			continue;
		size_t g = i + 1;
		/* no long vowel mark: a loanword's (本館 ロビー), not a
		 * Japanese given name's */
		while (g < t->n && pii__is_kata(t->cp[g]) && !kata_small(t->cp[g]) &&
		       t->cp[g] != 0x30FB && t->cp[g] != 0x30FC && g - i <= 5)
			g++;
		if (g - i - 1 < 2 || g - i - 1 > 4 || (g < t->n && pii__is_kata(t->cp[g])))
			continue;
		uint32_t q = g < t->n ? t->cp[g] : '\n';
		if (!(kana_particle(q) || q == 0x3055 /* さ */ || q == 0x69D8 /* 様 */ || q == '(' ||
		      q == 0x3001 || q == 0x3002 || q == '\n' || q == ' ' || q == ','))
			continue;
		if (!(pii__names_lookup_kana(names, t->cp + i + 1, g - i - 1) & PII_NAME_GIVEN_KANA) ||
		    word_is(t, i + 1, g, bracket_notes) || person_at(&px, t, c, a, g))
			continue;
		pii__cand_add(c, t, a, g, PII_PERSON, 0.85);
	}
	person_index_release(&px);
}

/* ---- names of the seventeenth round (a) ---------------------------------- */

/* A person's field on a form or a consultation's record, before a colon. */
static const char *const person_field_labels[] = {
	"配偶者", "相談者", "申請者", "世帯主", "本人", "同居人", "氏名", "名前", "妻", "夫",
	"子", "父", "母", "長男", "長女", "次男", "次女", "二男", "二女", NULL,
};

/* A Chinese or Korean full name in a person's field (相談者：张 伟, 配偶者：
 * 李 娜; seventeenth round (a)): after a field of person_field_labels that
 * opens the line and its colon, a surname of zh_surnames or cjk_surnames, a
 * space and one or two kanji, then the line's end, a space, a slash or a
 * bracket. ENAMDICT lists few of the given names (娜, 伟). */
static void zh_name_in_field(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	for (size_t m = pii__find_cp(t, 0, ':'); m < t->n; m = pii__find_cp(t, m + 1, ':')) {
		size_t i = m + 1;
		if (i < t->n && t->cp[i] == ' ')
			i++;
		if (i + 2 >= t->n || !cjk_surname(t->cp[i]) || t->cp[i + 1] != ' ')
			continue;
		size_t e = i + 2;
		while (e < t->n && pii__is_kanji(t->cp[e]) && e - i < 4)
			e++;
		if (e - i < 3 || (e < t->n && !(t->cp[e] == '\n' || t->cp[e] == ' ' ||
						  t->cp[e] == '/' || t->cp[e] == '(')))
			continue;
		long k = pii__ending_word(t, m > 4 ? m - 4 : 0, m, person_field_labels);
		if (k < 0)
			continue;
		size_t ls = m - pii__kw_len(person_field_labels[k]);
		if (ls > 0 && t->cp[ls - 1] != '\n')
			continue;
		if (!person_at(&px, t, c, i, e))
			pii__cand_add(c, t, i, e, PII_PERSON, 0.85);
	}
	person_index_release(&px);
}

/* ---- names of the eighteenth round (a) ----------------------------------- */

/* What may stand right before a Chinese or Korean full name that is a
 * value of its own: the line's start, an arrow of a row (H-0712→張 宥廷),
 * a colon, a tab, a comma, 、 or an opening bracket. */
static int zh_value_opens(uint32_t p)
{
	return p == '\n' || p == 0x2192 /* → */ || p == ':' || p == '\t' || p == ',' ||
	       p == 0x3001 || p == 0xFF0C || p == '(';
}

/* The line at ls opens with a one-kanji surname of zh_surnames or
 * cjk_surnames, a space and two kanji, then a space or the line's end. */
static int zh_name_line(const struct pii__text *t, size_t ls)
{
	return ls + 4 <= t->n && cjk_surname(t->cp[ls]) && t->cp[ls + 1] == ' ' &&
	       pii__is_kanji(t->cp[ls + 2]) && pii__is_kanji(t->cp[ls + 3]) &&
	       (ls + 4 == t->n || t->cp[ls + 4] == ' ' || t->cp[ls + 4] == '\n');
}

/* The name at s opens its line and the line before or after it opens the
 * same way: a list of names one a line. */
static int zh_listed_line(const struct pii__text *t, size_t s)
{
	if (s > 0 && t->cp[s - 1] != '\n')
		return 0;
	if (s >= 2) {
		size_t p = s - 1;
		while (p > 0 && t->cp[p - 1] != '\n')
			p--;
		if (zh_name_line(t, p))
			return 1;
	}
	size_t n = s;
	while (n < t->n && t->cp[n] != '\n')
		n++;
	return n + 1 < t->n && zh_name_line(t, n + 1);
}

/* A Chinese or Korean full name as a value of its own (長男：林 柏宇, 林 柏宇
 * 4年 菊陽西小, H-0712→張 宥廷→R3.5.18, 母 吳 佩珊さん; eighteenth round
 * (a)): a one-kanji surname of zh_surnames or cjk_surnames, a space and
 * exactly two kanji, after zh_value_opens() or a relation and a space,
 * before the line's end, an arrow, a space, a bracket, punctuation, an
 * honorific or a particle. The two kanji are the whole given name even
 * when the second is an honorific or a surname (陳 怡君, not 陳 怡 and
 * 君): a shorter name found inside gives way. */
static void zh_full_name_value(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	for (size_t i = pii__find_cp(t, 1, ' '); i + 2 < t->n; i = pii__find_cp(t, i + 1, ' ')) {
		size_t s = i - 1, e = i + 3;
		/* a given name of one kanji only in a numbered list (below) */
		int one = pii__is_kanji(t->cp[i + 1]) && t->cp[i + 2] == ' ';
		if (one)
			e = i + 2;
		/* 夫 (Fu), a Korean and Chinese surname, only after a relation
		 * and a space (母 夫 玉蓮): alone it is the husband */
		if (!(cjk_surname(t->cp[s]) || (t->cp[s] == 0x592B && relation_before(t, s))) ||
		    !pii__is_kanji(t->cp[i + 1]) ||
		    (!one && (!pii__is_kanji(t->cp[i + 2]) || (e < t->n && pii__is_kanji(t->cp[e])))))
			continue;
		/* an item of a numbered list before a phone (2. 李 偉 080-…;
		 * twentieth round (a)) */
		int numbered = 0;
		if (s >= 3 && t->cp[s - 1] == ' ' && (t->cp[s - 2] == '.' || t->cp[s - 2] == ')')) {
			size_t d = s - 2;
			while (d > 0 && pii__is_digit(t->cp[d - 1]) && s - 2 - d < 3)
				d--;
			size_t r = e + 1;
			while (r < t->n && pii__is_digit(t->cp[r]))
				r++;
			numbered = d < s - 2 && (d == 0 || t->cp[d - 1] == '\n') && e < t->n &&
				   t->cp[e] == ' ' && r - e > 2 && r < t->n && t->cp[r] == '-';
		}
		if (!(s == 0 || zh_value_opens(t->cp[s - 1]) || relation_before(t, s) || numbered) ||
		    (one && !numbered))
			continue;
		uint32_t q = e < t->n ? t->cp[e] : '\n';
		int strong = q == '\n' || q == 0x2192 || q == '\t' || q == '(' || q == ',' ||
			     q == 0x3001 || q == 0x3002 || q == '/' || match_any(t, e, name_honorifics) ||
			     numbered ||
			     /* a line's first field, an ideographic space or a tab
			      * after it (呉 佳慧　基礎年金番号 …; twentieth round (a)) */
			     (q == ' ' && t->raw[t->boff[e]] != ' ' && (s == 0 || t->cp[s - 1] == '\n'));
		/* before a space or a particle only after a relation (祖母 黃
		 * 秀蘭 は), in a list of such lines (林 柏宇 4年 / 李 芸安 1年) or
		 * as an item after 、 or a comma:
		 * not 李 課長 が対応, 林 道路 3件 */
		int word_next = q == ' ' && e + 1 < t->n &&
				(pii__is_kanji(t->cp[e + 1]) || pii__is_kata(t->cp[e + 1]));
		if (!strong && (t->cp[s] == 0x592B /* 夫: 代理人：夫 同居のため */ ||
				!((q == ' ' || kana_particle(q)) &&
				 (zh_listed_line(t, s) ||
				  /* not a field after it: 担当 林 内線 2231 */
				  (!word_next &&
				   ((relation_before(t, s) &&
				     /* a particle or a sentence after it, not a
				      * number (担当 林 内線 2231); a date of birth
				      * (子 李 子涵 2022年3月8日生; twentieth round (a)) */
				     (q != ' ' || (e + 1 < t->n && pii__is_hira(t->cp[e + 1])) ||
				      (e + 1 < t->n && pii__date_end(t, e + 1)))) ||
				    /* an item of an enumeration: 、李 秀英 3950… */
				    (s > 0 && (t->cp[s - 1] == 0x3001 || t->cp[s - 1] == ','))))))))
			continue;
		/* not a surname before a given name (孫 宮国 大樹: 孫 is the
		 * relation), nor a relation alone (代理人：孫 大樹); a word
		 * after the space is the next column (張 宥廷 年少) */
		if (q == ' ' && e + 1 < t->n &&
		    (pii__is_kanji(t->cp[e + 1]) || pii__is_kata(t->cp[e + 1])) &&
		    (pii__names_lookup(pii__names_get(), t->cp + i + 1, 2) & PII_NAME_SURNAME))
			continue;
		if (word_is(t, s, i, role_labels) && !relation_before(t, s))
			continue;
		/* a label or a role as the given name (not one that only opens
		 * it: 子 of 李 子涵; twentieth round (a)) */
		if (counter_end(t->cp[i + 2]) || match_any(t, i + 1, field_words) ||
		    match_any(t, i + 1, labels) >= 2 || match_any(t, i + 1, role_labels) >= 2)
			continue;
		/* a part: the whole replaces it */
		person_parts_give_way(&px, t, c, s, e, 1);
		pii__cand_add(c, t, s, e, PII_PERSON, 0.96);
	}
	person_index_release(&px);
}

/* A full name before 方 (care of: 長女 野田 恵美方, 送付先：次男 佐藤 健一方;
 * eighteenth round (a)): a name found with 方 glued to its given name
 * ends before it, when 方 ends the item (a bracket, punctuation, a space,
 * the line's end). Only spaced names of kanji: a surname, a space and
 * one to three kanji, so the cut is plain. */
static void name_before_care_of(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		size_t s = c->v[k].start, e = c->v[k].end;
		if (c->v[k].type != PII_PERSON || c->v[k].confidence <= 0.01 || e < s + 4 ||
		    t->cp[e - 1] != 0x65B9 /* 方 */ || !pii__is_kanji(t->cp[e - 2]))
			continue;
		uint32_t q = e < t->n ? t->cp[e] : '\n';
		if (!(q == '\n' || q == '(' || q == ')' || q == ' ' || q == 0x3001 || q == 0x3002 ||
		      q == ',' || q == ':'))
			continue;
		size_t sp = s + 1;
		while (sp < e && t->cp[sp] != ' ')
			sp++;
		if (sp >= e - 2 || sp - s > 3 || e - 1 - (sp + 1) > 3)
			continue;
		int ok = 1;
		for (size_t j = s; j < e - 1; j++)
			ok &= j == sp || pii__is_kanji(t->cp[j]);
		if (!ok)
			continue;
		double conf = c->v[k].confidence;
		c->v[k].confidence = 0.01; /* the name without 方 replaces it */
		pii__cand_add(c, t, s, e - 1, PII_PERSON, conf);
	}
}

/* Codes of two capitals listed with commas (国籍コード（TH, LK, PH, CN）;
 * eighteenth round (a)) are no name of words in Latin letters: a name
 * found over only such words and a comma between them gives way. */
static void code_list_not_name(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t k = 0; k < c->n; k++) {
		size_t s = c->v[k].start, e = c->v[k].end;
		if (c->v[k].type != PII_PERSON || c->v[k].confidence <= 0 || e < s + 4 ||
		    !pii__is_upper(t->cp[s]))
			continue;
		int ok = 1, comma = 0;
		for (size_t j = s; ok && j < e;) {
			if (j + 2 <= e && pii__is_upper(t->cp[j]) && pii__is_upper(t->cp[j + 1]) &&
			    (j + 2 == e || !pii__is_alpha(t->cp[j + 2]))) {
				j += 2;
				if (j < e && t->cp[j] == ',') {
					comma = 1;
					j++;
				}
				if (j < e && t->cp[j] == ' ')
					j++;
			} else {
				ok = 0;
			}
		}
		if (ok && comma)
			c->v[k].confidence = 0; /* pii__public_filter() drops it */
	}
}

/* A surname after a role or a unit code and a space, glued to 氏 or 様
 * (民生委員 小松氏同行, C-4 甲斐様宅の退去; eighteenth round (a)): two or
 * three kanji ENAMDICT lists as a surname, even one that is also a place
 * (小松, 甲斐), since the honorific names a person; not 様式, 様子, 氏名. */
static void surname_after_role_honorific(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	const struct pii__names *names = pii__names_get();
	for (size_t i = pii__find_cp(t, 1, ' '); names && i + 3 < t->n;
	     i = pii__find_cp(t, i + 1, ' ')) {
		if (!(pii__is_kanji(t->cp[i - 1]) || pii__is_alnum(t->cp[i - 1])))
			continue;
		size_t s = i + 1, h = s;
		while (h < t->n && pii__is_kanji(t->cp[h]) && t->cp[h] != 0x6C0F /* 氏 */ &&
		       t->cp[h] != 0x69D8 /* 様 */ && h - s < 4)
			h++;
		if (h - s < 2 || h - s > 3 || h >= t->n ||
		    (t->cp[h] != 0x6C0F && t->cp[h] != 0x69D8))
			continue;
		uint32_t n = h + 1 < t->n ? t->cp[h + 1] : '\n';
		if ((t->cp[h] == 0x69D8 && (n == 0x5F0F /* 式 */ || n == 0x5B50 /* 子 */)) ||
		    (t->cp[h] == 0x6C0F && n == 0x540D /* 名 */))
			continue;
		if (!(pii__names_lookup(names, t->cp + s, h - s) & PII_NAME_SURNAME) ||
		    person_at(&px, t, c, s, h))
			continue;
		pii__cand_add(c, t, s, h, PII_PERSON, 0.9);
	}
	person_index_release(&px);
}

/* A name in Latin letters before -san or -sama in English text (Thank
 * you, Tsai-san; Hello Nguyen-san; eighteenth round (a)): one capitalised
 * word of two to twelve letters right before the hyphen, the Japanese
 * honorific naming a person. */
static void latin_san(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	for (size_t i = pii__find_cp(t, 2, '-'); i + 3 < t->n; i = pii__find_cp(t, i + 1, '-')) {
		if (!(t->cp[i + 1] == 's' && t->cp[i + 2] == 'a' &&
		      ((t->cp[i + 3] == 'n' && (i + 4 >= t->n || !pii__is_alpha(t->cp[i + 4]))) ||
		       (t->cp[i + 3] == 'm' && i + 5 < t->n && t->cp[i + 4] == 'a' &&
			!pii__is_alpha(t->cp[i + 5])))))
			continue;
		size_t s = i;
		while (s > 0 && pii__is_alpha(t->cp[s - 1]) && i - s < 13)
			s--;
		if (i - s < 2 || i - s > 12 || !pii__is_upper(t->cp[s]) ||
		    (s > 0 && (pii__is_alnum(t->cp[s - 1]) || t->cp[s - 1] == '-')) ||
		    person_at(&px, t, c, s, i))
			continue;
		pii__cand_add(c, t, s, i, PII_PERSON, 0.85);
	}
	person_index_release(&px);
}

/* ---- names of the twentieth round (a) ----------------------------------- */

/* Labels of a person's field whose value, to the line's end, is one name. */
static const char *const value_name_labels[] = {
	"氏名", "名前", "被保険者", "世帯主", "申請者", "相談者", "配偶者", "同居人", "世帯員",
	"届出人", "受給者", "対象者", "納税義務者", "契約者", "代表者",
	/* a resident record's alias and real name (通称：スミス ジョン;
	 * twenty-second round (a)) */
	"通称", "通称名", "本名", NULL,
};

static int value_name_cp(uint32_t c)
{
	return pii__is_kanji(c) || pii__is_kata(c) || pii__is_hira(c) || pii__is_latin(c);
}

/* The end of a field's value that is words of name letters separated by
 * single spaces, from vs: the line's end, a tab, a bracket, or a space
 * before something else than a word; before the next field (a word and
 * a colon) or an honorific. 0 when anything else is glued to a word. */
static size_t value_name_end(const struct pii__text *t, size_t vs, int wide_ok, unsigned *nwords)
{
	size_t j = vs, last = vs, prev = vs;
	unsigned w = 0;
	for (;;) {
		size_t b = j;
		while (j < t->n && value_name_cp(t->cp[j]))
			j++;
		if (j == b || j - b > 12 || w == 5)
			return 0;
		/* an honorific ends the name (稲垣 とし江様, 山田 太郎 様) */
		size_t h = j;
		if (h - b >= 1 && t->cp[h - 1] == 0x69D8 /* 様 */)
			h--;
		else if (h - b >= 1 && t->cp[h - 1] == 0x6BBF /* 殿 */)
			h--;
		else if (h - b >= 2 && t->cp[h - 2] == 0x3055 && t->cp[h - 1] == 0x3093 /* さん */)
			h -= 2;
		if (h != j) {
			if (h == b)
				break; /* the honorific alone: the name ended before it */
			w++;
			last = h;
			break;
		}
		if (word_is(t, b, j, field_words) || word_is(t, b, j, value_name_labels))
			break; /* the next field (氏名 山田 太郎 住所 …) */
		prev = last;
		last = j;
		w++;
		uint32_t q = j < t->n ? t->cp[j] : '\n';
		if (q == ':') {
			/* the word is the next field's label */
			last = prev;
			w--;
			break;
		}
		if (q == '\n' || q == '\t' || q == '(')
			break;
		if (q != ' ')
			return 0;
		/* a tab or an ideographic space ends the field (長野 ハル　番号は
		 * 別紙) unless the writer spaces the name's words with them */
		if (t->raw[t->boff[j]] != ' ' && !wide_ok)
			break;
		if (j + 1 < t->n && pii__is_digit(t->cp[j + 1])) {
			/* a label before its number (石川 ミツ 被保険者番号 0001…) */
			last = prev;
			w--;
			break;
		}
		if (j + 1 >= t->n || !value_name_cp(t->cp[j + 1]))
			break;
		j++;
	}
	*nwords = w;
	return last;
}

/* A field's value that is one name written in two scripts (被保険者：石井
 * マリア クリスティーナ, 氏名 宮城 アレシャンドレ, 氏名：稲垣 とし江;
 * twentieth round (a)): after a person's field of value_name_labels that
 * opens the line or follows a space or a tab, and a colon or a space, the
 * words of name letters to the line's end (or a bracket, a tab, the next
 * field) are one name when a name found by the rules covers some of them
 * whole: it widens to them all, and the parts give way. Two to four
 * words, none a field's or a role's word, none all hiragana but the
 * found name's. */
static void value_whole_name(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		size_t s = c->v[k].start, e = c->v[k].end;
		if (c->v[k].type != PII_PERSON || c->v[k].confidence <= 0.01 || s < 3)
			continue;
		/* the field's label before the value's first word */
		size_t vs = s;
		while (vs > 0 && (value_name_cp(t->cp[vs - 1]) ||
				  (t->cp[vs - 1] == ' ' && vs > 1 && value_name_cp(t->cp[vs - 2]))))
			vs--;
		/* vs opens a run of words: the label is glued before a colon,
		 * or is the run's first word before a space */
		size_t le, ls, v0;
		if (vs > 0 && t->cp[vs - 1] == ':') {
			le = vs - 1;
			v0 = vs;
			if (v0 < t->n && t->cp[v0] == ' ')
				v0++;
			long w = pii__ending_word(t, le > 6 ? le - 6 : 0, le, value_name_labels);
			if (w < 0)
				continue;
			ls = le - pii__kw_len(value_name_labels[w]);
		} else {
			size_t m = match_any(t, vs, value_name_labels);
			if (!m || vs + m >= s || t->cp[vs + m] != ' ')
				continue;
			ls = vs;
			v0 = vs + m + 1;
		}
		if (v0 > s || (s > v0 && t->cp[s - 1] != ' ') ||
		    !(ls == 0 || t->cp[ls - 1] == '\n' || t->cp[ls - 1] == ' ' || t->cp[ls - 1] == '\t'))
			continue;
		int wide = 0;
		for (size_t j = s; j < e; j++)
			wide |= t->cp[j] == ' ' && t->raw[t->boff[j]] != ' ';
		unsigned w = 0;
		size_t ve = value_name_end(t, v0, wide, &w);
		if (ve < e || w < 2 || w > 4 || (ve == e && v0 == s) ||
		    (e < ve && t->cp[e] != ' '))
			continue;
		/* a kanji surname and given names in kana or in both scripts:
		 * the first word all kanji, a later one with kana, no Latin
		 * word (ZHANG YUTING 張 雨婷 is two spellings), and no complete
		 * kanji name before a reading (山本 悠人 ヤマモト ユウト); each
		 * word outside the found name no role, no field, not all
		 * hiragana (氏名 山田 太郎 です) */
		/* or a foreign resident's name in katakana words alone, each of
		 * two letters or more (通称：スミス ジョン, 氏名：ペレイラ アナ;
		 * twenty-second round (a)) */
		int ok = 1, kana = 0, allkata = 1, first_kanji = 0;
		unsigned nw = 0;
		for (size_t b = v0; ok && b < ve; nw++) {
			size_t j = b;
			int hira = 1, kanji = 1, kn = 0, kata = 1;
			for (; j < ve && t->cp[j] != ' '; j++) {
				uint32_t ch = t->cp[j];
				hira &= pii__is_hira(ch);
				kanji &= pii__is_kanji(ch);
				kata &= pii__is_kata(ch);
				kn |= pii__is_hira(ch) || pii__is_kata(ch);
				ok &= !pii__is_latin(ch);
			}
			allkata &= kata && j - b >= 2;
			if (nw == 0)
				first_kanji = kanji;
			if ((nw == 0 && !kanji && !allkata) || (nw == 1 && kanji && ve > j))
				ok = 0;
			kana |= kn;
			if ((b < s || b >= e) && (hira || word_is(t, b, j, labels) ||
						  word_is(t, b, j, role_labels) ||
						  word_is(t, b, j, name_honorifics)))
				ok = 0;
			/* a first word the found name leaves out must be a
			 * surname ENAMDICT lists (金城 マルセロ; not 甥 高山 誠) */
			if (nw == 0 && b < s &&
			    !(pii__names_lookup(pii__names_get(), t->cp + b, j - b) & PII_NAME_SURNAME))
				ok = 0;
			b = j + 1;
		}
		if (!first_kanji && !allkata)
			ok = 0;
		/* or two kanji words, the given name found after a surname
		 * ENAMDICT lists (納税義務者：根室 和子, where 根室 reads as a
		 * place) */
		int given_only = 0;
		if (nw == 2 && pii__is_kanji(t->cp[v0]) && pii__is_kanji(t->cp[ve - 1])) {
			size_t sp = v0;
			while (sp < ve && t->cp[sp] != ' ')
				sp++;
			/* the found name is the given name, or the surname before
			 * a given name ENAMDICT lists (釧路 | 和子) */
			given_only = (s == sp + 1 && e == ve) ||
				     (s == v0 && e == sp && all_kanji(t, sp + 1, ve) &&
				      (pii__names_lookup(pii__names_get(), t->cp + sp + 1, ve - sp - 1) &
				       PII_NAME_GIVEN));
		}
		if (!ok || !(kana || given_only))
			continue;
		double conf = c->v[k].confidence;
		/* a part: the whole replaces it */
		person_parts_give_way(&px, t, c, v0, ve, 0);
		pii__cand_add(c, t, v0, ve, PII_PERSON, conf > 0.9 ? conf : 0.9);
	}
	person_index_release(&px);
}

/* A household written as its surname and 家 before a bracket (須賀家（母 …、
 * 児 …）, ÖZTÜRK家（父 …）, Reyes家（フィリピン）; twentieth round (a)): the
 * surname, at an item's start (the line's start, a space, a tab, 、), is a
 * capitalised word of Latin letters or two or three kanji ENAMDICT lists
 * as a surname (not 実家, 住家, 政治家: a word's end). A name found with 家
 * gives way to it. */
static void household_surname(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	for (size_t i = pii__find_cp(t, 2, 0x5BB6 /* 家 */); i + 1 < t->n;
	     i = pii__find_cp(t, i + 1, 0x5BB6)) {
		if (t->cp[i + 1] != '(')
			continue;
		size_t s = i;
		int latin = pii__is_latin(t->cp[i - 1]);
		while (s > 0 && i - s <= 20 &&
		       (latin ? pii__is_latin(t->cp[s - 1]) : pii__is_kanji(t->cp[s - 1])))
			s--;
		uint32_t p = s > 0 ? t->cp[s - 1] : '\n';
		if (!(p == '\n' || p == ' ' || p == 0x3001 || p == 0x30FB) || i - s > 20)
			continue;
		if (latin ? (i - s < 2 || !pii__is_latin_upper(t->cp[s]))
			  : (i - s < 2 || i - s > 3 || !names ||
			     !(pii__names_lookup(names, t->cp + s, i - s) & PII_NAME_SURNAME)))
			continue;
		/* after kanji the bracket lists the household's members (須賀家
		 * （母 …）) or counts them (宮脇家（3人世帯）): not 政治家（元議員） */
		size_t r = i + 2, m = r < t->n ? match_any(t, r, role_labels) : 0;
		if (!latin && !(m && r + m < t->n && t->cp[r + m] == ' ')) {
			while (r < t->n && pii__is_digit(t->cp[r]))
				r++;
			if (r == i + 2 || r >= t->n || t->cp[r] != 0x4EBA /* 人 */)
				continue;
		}
		for (size_t k = 0; k < c->n; k++)
			if (c->v[k].type == PII_PERSON && c->v[k].start <= s && c->v[k].end > s &&
			    c->v[k].end <= i + 1 && c->v[k].confidence > 0.01)
				c->v[k].confidence = 0.01; /* 須賀家 as a name: the surname replaces it */
		pii__cand_add(c, t, s, i, PII_PERSON, 0.9);
	}
}

/* A child's given name in hiragana after a relation and a space, before a
 * space and an age (児 りく 1歳, 長女 さくら 5歳; twentieth round (a)): two
 * to four hiragana, not a word of not_given. */
static void hira_child_before_age(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	for (size_t i = pii__find_cp(t, 4, 0x6B73 /* 歳 */); i < t->n;
	     i = pii__find_cp(t, i + 1, 0x6B73)) {
		size_t d = i;
		while (d > 0 && pii__is_digit(t->cp[d - 1]) && i - d < 3)
			d--;
		if (d == i || d < 4 || t->cp[d - 1] != ' ')
			continue;
		size_t e = d - 1, s = e;
		while (s > 0 && pii__is_hira(t->cp[s - 1]) && e - s < 5)
			s--;
		if (e - s < 2 || e - s > 4 || !relation_before(t, s) || word_is(t, s, e, not_given) ||
		    person_at(&px, t, c, s, e))
			continue;
		pii__cand_add(c, t, s, e, PII_PERSON, 0.85);
	}
	person_index_release(&px);
}

/* A capitalised Latin word of 2-12 letters from i (a given name: Elif,
 * Yusuf), ending before a code point that is no letter; 0 if none. */
static size_t latin_given_at(const struct pii__text *t, size_t i)
{
	if (i >= t->n || !pii__is_latin_upper(t->cp[i]) || (i > 0 && pii__is_latin(t->cp[i - 1])))
		return 0;
	size_t e = i + 1;
	while (e < t->n && pii__is_latin(t->cp[e]) && e - i <= 12)
		e++;
	if (e - i < 2 || e - i > 12 || (e < t->n && (pii__is_digit(t->cp[e]) || t->cp[e] == '@' ||
						     t->cp[e] == '.' || t->cp[e] == '-')))
		return 0;
	return e;
}

/* Kin before the children's given names (子どもの Elif と Yusuf). */
static const char *const latin_pair_kin[] = {"子どもの", "子供の", "こどもの", "息子の", "娘の",
					     "孫の", "子の", NULL};

/* Two given names in Latin letters joined by と after a kin word and の
 * (子どもの Elif と Yusuf の保育園; twentieth round (a)): each word its own
 * name, not one span over と. */
static void latin_given_pair(const struct pii__text *t, struct pii__cands *c)
{
	struct person_index px = {0};
	for (size_t m = pii__find_cp(t, 3, 0x3068 /* と */); m + 2 < t->n;
	     m = pii__find_cp(t, m + 1, 0x3068)) {
		if (t->cp[m - 1] != ' ' || t->cp[m + 1] != ' ')
			continue;
		size_t b = m - 1, a = b;
		while (a > 0 && pii__is_latin(t->cp[a - 1]) && b - a <= 12)
			a--;
		if (a < 2 || latin_given_at(t, a) != b || t->cp[a - 1] != ' ' ||
		    pii__ending_word(t, a > 6 ? a - 6 : 0, a - 1, latin_pair_kin) < 0)
			continue;
		size_t s2 = m + 2, e2 = latin_given_at(t, s2);
		if (!e2 || (e2 < t->n && pii__is_latin(t->cp[e2])) || is_latin_stop(t, a, b) ||
		    is_latin_stop(t, s2, e2))
			continue;
		if (!person_at(&px, t, c, a, b))
			pii__cand_add(c, t, a, b, PII_PERSON, 0.85);
		if (!person_at(&px, t, c, s2, e2))
			pii__cand_add(c, t, s2, e2, PII_PERSON, 0.85);
	}
	person_index_release(&px);
}

/* A name the rules found that is a full name in Latin letters (a space in
 * it), not one they have set aside. */
static int latin_full_name(const struct pii__text *t, const struct pii_span *v)
{
	return v->type == PII_PERSON && v->confidence > 0.01 && pii__is_latin(t->cp[v->start]) &&
	       memchr_cp(t, v->start, v->end, ' ');
}

/* The places of the words latin_given_at() reads (a capital and small
 * letters, three to twelve), ordered by their letters' hash, length and
 * place: the places where a word is written again, in the text's order,
 * without a search of the whole text for each word. */
struct latin_words {
	struct latin_place {
		uint64_t h;
		size_t q, len;
		int done; /* given_again_word() has gone through the word */
	} *v;
	size_t n;
};

static uint64_t latin_word_hash(const uint32_t *cp, size_t len)
{
	uint64_t h = 0x84222325CBF29CE4ULL;
	for (size_t j = 0; j < len; j++)
		h = pii__mix64(h ^ cp[j]);
	return h;
}

static int cmp_latin_word(const void *a, const void *b)
{
	const struct latin_place *x = a, *y = b;
	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return (x->q > y->q) - (x->q < y->q);
}

static void latin_words_init(struct latin_words *w, const struct pii__text *t)
{
	size_t cap = 0;
	w->v = NULL;
	w->n = 0;
	for (size_t q = 0; q < t->n; q++) {
		if (!pii__is_latin_upper(t->cp[q]))
			continue;
		size_t e = latin_given_at(t, q);
		if (!e || e - q < 3)
			continue;
		if (w->n == cap) {
			cap = cap ? cap * 2 : 64;
			w->v = yk_xrealloc(w->v, cap * sizeof(*w->v));
		}
		w->v[w->n++] = (struct latin_place){latin_word_hash(t->cp + q, e - q), q, e - q, 0};
	}
	if (w->n)
		if (w->n > 1)
			qsort(w->v, w->n, sizeof(*w->v), cmp_latin_word);
}

/* The first of the places that may hold the word [ws, ws + len): those
 * with its hash and length follow it (a hash shared by other letters is
 * told by comparing them). */
static size_t latin_words_first(const struct latin_words *w, uint64_t h, size_t len)
{
	size_t lo = 0, hi = w->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->v[mid].h < h || (w->v[mid].h == h && w->v[mid].len < len))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The places where the word [ws, ws + len) of a full name is written
 * again alone: each a name (latin_given_again()). A word gone through once
 * (the same letters, from another full name) is not gone through again:
 * that would add nothing, as each place it passed over then it passes over
 * again (what kept it out stays: the names found only grow), the places it
 * added are names now, and the first word's own place is in a name. */
static void given_again_word(const struct pii__text *t, struct pii__cands *c,
			     struct latin_words *words, struct person_index *px, size_t ws,
			     size_t len)
{
	uint64_t h = latin_word_hash(t->cp + ws, len);
	for (size_t x = latin_words_first(words, h, len); x < words->n; x++) {
		size_t q = words->v[x].q;
		if (words->v[x].h != h || words->v[x].len != len)
			break;
		if (memcmp(t->cp + q, t->cp + ws, len * sizeof(*t->cp)) != 0)
			continue;
		if (words->v[x].done)
			return;
		words->v[x].done = 1;
		if (q == ws)
			continue;
		uint32_t p = q > 0 ? t->cp[q - 1] : '\n';
		if (pii__is_digit(p) || p == '@' || p == '.' || p == '-' || p == '/' || p == '_' ||
		    person_at(px, t, c, q, q + len))
			continue;
		/* a word of another full name (Rana Sushma, then Rana Bahadur):
		 * not alone */
		if ((q + len + 1 < t->n && t->cp[q + len] == ' ' &&
		     pii__is_latin(t->cp[q + len + 1])) ||
		    (q >= 2 && p == ' ' && pii__is_latin(t->cp[q - 2])))
			continue;
		if (!person_overlaps(px, t, c, q, q + len))
			pii__cand_add(c, t, q, q + len, PII_PERSON, 0.8);
	}
}

/* A given name of a full name in Latin letters found elsewhere in the text,
 * written again alone (KARA Dilan … → 住民票作成は Dilan のみ可; twentieth
 * round (a)): a word of the name with a capital and small letters, of
 * three letters or more, standing alone (no letter, digit, @, dot or
 * hyphen beside it) outside any name found. A word's places come from an
 * index of the text's words (latin_words), not a search of the text. */
static void latin_given_again(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n;
	struct latin_words words = {0};
	int indexed = 0;
	struct person_index px = {0};
	for (size_t k = 0; k < n; k++) {
		size_t s = c->v[k].start, e = c->v[k].end;
		if (!latin_full_name(t, &c->v[k]))
			continue;
		for (size_t ws = s; ws < e;) {
			size_t we = ws;
			int lower = 0;
			while (we < e && pii__is_latin(t->cp[we])) {
				lower |= t->cp[we] >= 'a' && t->cp[we] <= 'z';
				we++;
			}
			size_t len = we - ws;
			if (len >= 3 && len <= 12 && lower && pii__is_latin_upper(t->cp[ws])) {
				if (!indexed) {
					latin_words_init(&words, t);
					indexed = 1;
				}
				given_again_word(t, c, &words, &px, ws, len);
			}
			ws = we;
			while (ws < e && !pii__is_latin(t->cp[ws]))
				ws++;
		}
	}
	free(words.v);
	person_index_release(&px);
}

/* The start of a dotted part of a Latin name ending right before the
 * space at sp: initials or an abbreviated given name (W.A., Ma., Md.),
 * each piece one or two letters opening with a capital and closed by a
 * dot; not a title (Mr., Ms., Mrs., Dr.). sp when there is none. */
static size_t latin_dotted_before(const struct pii__text *t, size_t sp)
{
	size_t a = sp, pieces = 0;
	while (a >= 2 && t->cp[a - 1] == '.') {
		size_t b = a - 1;
		while (b > 0 && pii__is_alpha(t->cp[b - 1]) && a - 1 - b < 3)
			b--;
		if (b == a - 1 || a - 1 - b > 2 || !pii__is_upper(t->cp[b]) ||
		    (b > 0 && pii__is_alpha(t->cp[b - 1])))
			break;
		a = b;
		pieces++;
	}
	/* one capital alone is a list's mark (A. Maria Santos) */
	if (a == sp || (pieces == 1 && sp - a == 2) ||
	    (a > 0 && !(t->cp[a - 1] == ' ' || t->cp[a - 1] == '\n')))
		return sp;
	if (pii__match(t, a, "Mr.") || pii__match(t, a, "Ms.") || pii__match(t, a, "Mrs.") ||
	    pii__match(t, a, "Dr.") || pii__match(t, a, "St.") || pii__match(t, a, "No."))
		return sp;
	return a;
}

/* A Latin name found after its dotted part gains it (Ma. Cristina Santos
 * Reyes, an abbreviated María; W.A. NISHANTHA, initials), and a surname
 * in capitals that opens the line before initials (FERNANDO W.A.
 * NISHANTHA); so does one after a lower-case particle that opens it (da
 * Silva Pereira, João Carlos); twentieth round (a). */
static void latin_dotted_names(const struct pii__text *t, struct pii__cands *c)
{
	size_t n = c->n;
	for (size_t k = 0; k < n; k++) {
		size_t s = c->v[k].start, e = c->v[k].end;
		if (!latin_full_name(t, &c->v[k]))
			continue;
		size_t a = s;
		int initials = s + 3 < e && t->cp[s + 1] == '.' && pii__is_upper(t->cp[s + 2]) &&
			       t->cp[s + 3] == '.';
		if (s >= 4 && t->cp[s - 1] == ' ') {
			size_t d = latin_dotted_before(t, s - 1);
			if (d < s - 1) {
				a = d;
				initials = 1;
			}
		}
		/* a particle opening the name (申請者 da Silva Pereira, João
		 * Carlos): lower case, with no Latin word before it */
		if (a == s && s >= 3 && t->cp[s - 1] == ' ') {
			size_t p = s - 1;
			while (p > 0 && pii__is_alpha(t->cp[p - 1]) && s - 1 - p < 6)
				p--;
			if (p < s - 1 && !pii__is_upper(t->cp[p]) && word_is(t, p, s - 1, particles) &&
			    (p == 0 || t->cp[p - 1] == '\n' ||
			     (t->cp[p - 1] == ' ' && p >= 2 && !pii__is_latin(t->cp[p - 2]) &&
			      t->cp[p - 2] != ',' && t->cp[p - 2] != '.')))
				a = p;
		}
		/* FERNANDO before the initials, the line's first word */
		if (initials && a >= 3 && t->cp[a - 1] == ' ') {
			size_t w = a - 1;
			while (w > 0 && pii__is_upper(t->cp[w - 1]) && a - 1 - w < 20)
				w--;
			if (a - 1 - w >= 2 && (w == 0 || t->cp[w - 1] == '\n'))
				a = w;
		}
		if (a == s)
			continue;
		double conf = c->v[k].confidence;
		c->v[k].confidence = 0.01; /* the whole name replaces it */
		pii__cand_add(c, t, a, e, PII_PERSON, conf);
	}
}

/* A house called by its family's surname and 邸, often after 旧 when it
 * stands empty (空き家（旧岩佐邸）, 宮本邸の解体; batches 378-381): 2-3
 * kanji ENAMDICT lists as a surname, after 旧 or after no kanji, before
 * 邸 and no kanji (邸宅, 邸内 are words of their own). */
static void surname_of_house(const struct pii__text *t, struct pii__cands *c)
{
	const struct pii__names *names = pii__names_get();
	if (!names)
		return;
	for (size_t i = pii__find_cp(t, 2, 0x90B8 /* 邸 */); i < t->n;
	     i = pii__find_cp(t, i + 1, 0x90B8)) {
		if (i + 1 < t->n && pii__is_kanji(t->cp[i + 1]))
			continue;
		size_t a = i;
		while (a > 0 && pii__is_kanji(t->cp[a - 1]) && i - a < 5)
			a--;
		if (i - a >= 3 && t->cp[a] == 0x65E7 /* 旧 */)
			a++;
		if (i - a < 2 || i - a > 3 || (a > 0 && pii__is_kanji(t->cp[a - 1]) &&
					       t->cp[a - 1] != 0x65E7))
			continue;
		/* ENAMDICT marks most surnames as places too (岩佐), so the
		 * place's flag is no test; a town's last kanji is (本町邸) */
		uint32_t l = t->cp[i - 1];
		if (l == 0x753A /* 町 */ || l == 0x6751 /* 村 */ || l == 0x5E02 /* 市 */ ||
		    l == 0x533A /* 区 */ || l == 0x90E1 /* 郡 */)
			continue;
		if (pii__names_lookup(names, t->cp + a, i - a) & PII_NAME_SURNAME)
			pii__cand_add(c, t, a, i, PII_PERSON, 0.75);
	}
}

int pii__detect_person(struct pii__person *tg, struct text_tokenizer *tk, const struct pii__text *t,
		       struct pii__cands *c)
{
	pthread_once(&label_pair_once, label_pair_build);
	if (pii__may_have_alpha(t) || pii__may_have_class(t, PII_CUE_LATIN_X))
		detect_latin(t, c);
	find_windows(tg, t);
	int rc = tag_windows(tg, tk, t);
	if (rc)
		return rc;
	for (size_t w = 0; w < tg->nwin; w++) {
		size_t before = c->n;
		tag_window(tg, t, tg->win[w].s, tg->win[w].e, tg->win[w].mw, c);
		/* 林|さん needs the honorific to be a name, 平野|様 needs it cut off */
		int found = 0;
		for (size_t k = before; k < c->n; k++)
			found |= c->v[k].type == PII_PERSON && c->v[k].end == tg->win[w].cut;
		if (!found && tg->win[w].cut)
			tag_window(tg, t, tg->win[w].s, tg->win[w].cut, tg->win[w].mc, c);
	}
	/* the rules below run only where the text's cues allow them: an
	 * honorific; a space after a surname; an age (歳) */
	if (pii__may_have_any(t, name_honorifics))
		kana_before_honorific(t, c);
	if (pii__may_have(t, ' ')) {
		one_kanji_surname_names(t, c);
		spaced_name_titled(t, c);
		if (pii__may_have_class(t, PII_CUE_HIRA))
			surname_hiragana_given(t, c);
	}
	glued_given_names(t, c);
	if (pii__may_have(t, 0x6B73 /* 歳 */) && pii__may_have_digit(t))
		names_before_age(t, c);
	person_aliases(t, c, 0);
	/* eleventh round: each where its cue is */
	surname_prefix_kanji(t, c);
	if (pii__may_have(t, ' ') && pii__may_have_class(t, PII_CUE_KATA)) {
		kata_given_after_surname(t, c);
		listed_kata_given(t, c); /* fourteenth round (a) */
	}
	if (pii__may_have_digit(t)) {
		relatives_with_dates(t, c);
		if (pii__may_have(t, '('))
			birth_date_after_honorific(t, c);
	}
	/* the pass of speaker_after_unit() where one of its layouts may be:
	 * a unit, a space and a colon; a staff word (職員, 係員, 担当) and a
	 * colon or a closing bracket; a simplified surname and its marks */
	int staff = pii__may_have(t, 0x8077 /* 職 */) || pii__may_have(t, 0x4FC2 /* 係 */) ||
		    pii__may_have(t, 0x62C5 /* 担 */);
	if ((pii__may_have(t, ':') && pii__may_have(t, ' ')) ||
	    (staff && (pii__may_have(t, ':') || pii__may_have(t, ')'))) ||
	    ((pii__may_have(t, ':') || pii__may_have(t, '(') || pii__may_have(t, '/')) && zh_may(t)))
		speaker_after_unit(t, c);
	if (pii__may_have_alpha(t))
		latin_given_before_chan(t, c);
	/* fifteenth round (a) */
	if (pii__may_have(t, 0x301C) || pii__may_have(t, 0xFF5E) || pii__may_have(t, '~') ||
	    pii__may_have(t, '-'))
		wave_signature(t, c);
	/* twelfth round (a) */
	if (pii__may_have(t, 0x65B9 /* 方 */) && pii__may_have(t, '('))
		care_of_household(t, c);
	if (pii__may_have(t, ' ') && (pii__may_have(t, 0x3093 /* ん */) || pii__may_have(t, 0x541B)))
		kanji_child_after_relation(t, c);
	if (pii__may_have(t, 0x53EB /* 叫 */) ||
	    (pii__may_have(t, 0x662F /* 是 */) && pii__may_have(t, 0x6211 /* 我 */)))
		zh_called(t, c);
	if (pii__may_have_class(t, PII_CUE_KATA))
		kata_name_whole_word(t, c, 0);
	if (pii__may_have(t, ' ') && pii__may_have_class(t, PII_CUE_KATA) &&
	    pii__may_have(t, 0x3093 /* ん of くん, ちゃん */))
		kata_child_after_relation(t, c);
	/* thirteenth round (a) */
	if (pii__may_have_class(t, PII_CUE_KATA) && pii__may_have(t, ':'))
		kata_speakers(t, c);
	if (pii__may_have_class(t, PII_CUE_KATA) && pii__may_have_class(t, PII_CUE_HIRA) &&
	    (pii__may_have(t, 0x3080 /* む */) || pii__may_have(t, 0x3064 /* つ */) ||
	     pii__may_have(t, 0x3063 /* っ */) || pii__may_have(t, 0x3060 /* だ */) ||
	     pii__may_have(t, 0x304F /* く */) || pii__may_have(t, 0x3042 /* あ */)))
		kata_after_kana_relation(t, c);
	/* fourteenth round (a) */
	if (pii__may_have(t, 0xC785 /* 입 */))
		ko_intros(t, c);
	if (pii__may_have_class(t, PII_CUE_HANGUL) && pii__may_have(t, ' '))
		hangul_spaced_names(t, c);
	if (pii__may_have_class(t, PII_CUE_KATA) && pii__may_have(t, 0x3067 /* で */) &&
	    (pii__may_have(t, '(') || pii__may_have(t, 0xFF08)))
		kata_translated_intros(t, c);
	if (pii__may_have(t, 0x3055 /* さ */) && pii__may_have(t, 0x3093 /* ん */))
		cjk_surname_san(t, c);
	/* sixteenth round (a) */
	if (pii__may_have(t, ' ') && pii__may_have_class(t, PII_CUE_KATA))
		surname_kata_given_in_text(t, c);
	if (pii__may_have(t, 0x6211 /* 我 */) || pii__may_have(t, 0x4ED6 /* 他 */) ||
	    pii__may_have(t, 0x5979 /* 她 */) || pii__may_have(t, 0x60A8 /* 您 */) ||
	    pii__may_have(t, 0x4F60 /* 你 */))
		zh_relation_names(t, c);
	if ((pii__may_have(t, 0x3055 /* さ */) || pii__may_have(t, 0x3061 /* ち */)) &&
	    (pii__may_have(t, 0x5144 /* 兄 */) || pii__may_have(t, 0x59C9 /* 姉 */) ||
	     pii__may_have(t, 0x304A /* お */) || pii__may_have(t, 0x53D4 /* 叔 */) ||
	     pii__may_have(t, 0x4F2F /* 伯 */)))
		given_before_kin(t, c);
	if (pii__may_have(t, '(') &&
	    (pii__may_have(t, 0x8868 /* 表 */) || pii__may_have(t, 0x6587 /* 文 */) ||
	     pii__may_have(t, 0x4F53 /* 体 */) || pii__may_have(t, 0x540D /* 名 */) ||
	     pii__may_have(t, 0x30B0 /* グ */) || pii__may_have(t, 0xD55C /* 한 */)))
		spelled_in_bracket(t, c);
	/* seventeenth round (a) */
	if (pii__may_have(t, ':') && pii__may_have(t, ' ') && pii__may_have_class(t, PII_CUE_KANJI))
		zh_name_in_field(t, c);
	/* eighteenth round (a) */
	if (pii__may_have(t, ' ') && pii__may_have_class(t, PII_CUE_KANJI))
		zh_full_name_value(t, c);
	if (pii__may_have(t, 0x65B9 /* 方 */) && pii__may_have(t, ' '))
		name_before_care_of(t, c);
	if (pii__may_have(t, ',') && pii__may_have_alpha(t))
		code_list_not_name(t, c);
	if (pii__may_have(t, ' ') && (pii__may_have(t, 0x6C0F /* 氏 */) || pii__may_have(t, 0x69D8)))
		surname_after_role_honorific(t, c);
	if (pii__may_have(t, '-') && pii__may_have_alpha(t))
		latin_san(t, c);
	/* twentieth round (a) */
	if (pii__may_have(t, ' ') &&
	    (pii__may_have(t, 0x540D /* 名 */) || pii__may_have(t, 0x8005 /* 者 */) ||
	     pii__may_have(t, 0x4E3B /* 主 */) || pii__may_have(t, 0x4EBA /* 人 */) ||
	     pii__may_have(t, 0x54E1 /* 員 */)))
		value_whole_name(t, c);
	if (pii__may_have(t, 0x5BB6 /* 家 */) && pii__may_have(t, '('))
		household_surname(t, c);
	if (pii__may_have(t, 0x6B73 /* 歳 */) && pii__may_have(t, ' ') &&
	    pii__may_have_class(t, PII_CUE_HIRA))
		hira_child_before_age(t, c);
	if (pii__may_have(t, 0x3068 /* と */) && pii__may_have(t, 0x306E /* の */) &&
	    pii__may_have_alpha(t))
		latin_given_pair(t, c);
	if (pii__may_have_alpha(t) || pii__may_have_class(t, PII_CUE_LATIN_X))
		latin_given_again(t, c);
	if (pii__may_have_alpha(t) || pii__may_have_class(t, PII_CUE_LATIN_X))
		latin_dotted_names(t, c);
	/* twenty-eighth round */
	if (pii__may_have(t, 0x90B8 /* 邸 */))
		surname_of_house(t, c);
	return 0;
}
