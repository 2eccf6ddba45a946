/* wellbeing/crisis: the safety layer of the self-care chat. A pure,
 * rule-based detector of suicidal ideation (direct and indirect), self-harm
 * and harm to others in Japanese, run before any model call; and the
 * answer given at once when it fires.
 *
 * Why rules and not a model: the answer must come with no model configured
 * and before any text leaves the process, and the rules are auditable.
 *
 * How it generalises (rules v4): not by listing sentences but by concepts
 * over the one tokenizer's lemmas (text/: 死ぬ, 死の(う), 死ん(で) and 死ね
 * are all the lemma 死ぬ). A concept word (death, disappearance, absence,
 * living, ending, sleep/waking, birth, jumping/falling, hanging; cutting
 * and other self-injury; killing and other violence) fires only with a
 * modality read from the few characters that follow it in the normalised
 * text: wish (たい/たく/てえ), volition (う/よう/しまお), plan (つもり,
 * 準備, 方法, 勇気, ばかり, しか), a conditional that is judged good
 * (ば/たら + いい/楽/のに), negation where the concept needs it (いなく,
 * 生まれてこなければ), and for violence also fear (そう, かも, 衝動) and
 * daring (てやる). Filters come before: hyperbole and idiom (死ぬほど,
 * 死にそう, 死ぬ気で, 死ぬかと思った, 息を殺す, 生きた心地), a subject that
 * is not the writer (ファイルが消えた, 係長がいなくなる), work tasks for
 * ending/easing (この案件を終わらせたい), fiction and news (ドラマ, ゲーム,
 * 犯人), reported speech and professional talk (と言われた, 対策, 研修)
 * unless the writer also speaks of themself, and jokes (くらい ... 笑).
 * A small surface lexicon covers words the dictionary splits (希死念慮,
 * リスカ, OD). Measured in docs/wellbeing.md.
 *
 * Without a tokenizer (tk NULL) only the surface lexicon runs: recall is
 * then much lower, and the api always passes one. */
#include <string.h>

#include "text/text.h"
#include "wellbeing.h"
#include "core/banned.h"

#define CR_INPUT_MAX (16u * 1024u) /* bytes looked at (the end of longer text: what is said now) */
#define CR_TAIL 45                 /* bytes after a word read for its modality (15 kana) */
#define CR_MORPHS_MAX 4096

struct morph {
	const char *lemma, *surf;
	uint32_t llen, slen;
	uint32_t start, end;
};

/* One analysed text: ctx is the normalised text the context filters read
 * (always the original spelling), t the text the morphemes point into (the
 * same, or its katakana-folded copy on the second pass). */
struct scan {
	const char *ctx;
	const char *t;
	size_t len;
	struct morph *m;
	size_t n;
};

/* ---- word lists (normalised spelling: NFKC, ASCII lower case) ------------------ */

static const char *const self_words[] = {"私", "わたし", "自分", "僕", "ぼく", "俺", "おれ",
					 "あたし", "うち", "自身", "わたくし"};
/* Talk about preventing or handling crises, or about other people. */
static const char *const professional[] = {
	"対策", "予防", "防止", "研修", "への支援", "への対応", "対応方法", "相談者", "生徒",
	"ゲートキーパー", "と相談され", "と言われ", "と言って", "と言う人", "と言った", "講座",
	"講演", "白書", "統計", "件数", "パンフレット", "ポスター", "啓発", "計画の策定", "利用者が",
	"市民が", "住民が", "相談を受け", "ケース"};
/* Fiction and news: someone else's act. */
static const char *const fiction[] = {"ドラマ", "小説", "映画", "ゲーム", "漫画", "マンガ", "アニメ",
				      "主人公", "キャラ", "犯人", "容疑者", "ニュース", "報道", "事件",
				      "裁判", "ミステリー", "推理"};
/* Ending or easing that is about work. */
static const char *const task_words[] = {"年度", "案件", "今日中", "までに", "業務", "帰り", "帰る",
					 "会議", "分担", "効率", "作業", "資料", "残業", "書類",
					 "仕事", "プロジェクト", "手続", "集計", "片付け", "締切",
					 "締め切り", "打ち合わせ", "検討", "手順", "簡単", "改善",
					 "負担を", "仕組み", "工夫", "システム", "自動", "手間"};
/* "all of it": ending is of oneself, not of a task. */
static const char *const totality[] = {"全部", "全て", "すべて", "ぜんぶ", "何もかも", "なにもかも",
				       "人生", "自分", "もう", "いっそ", "この世", "命"};
/* A conditional or comparison judged good: 死ねたら楽, いなくなればいい. */
static const char *const good_eval[] = {"いい", "良い", "よい", "良かった", "よかった", "楽", "のに",
					"まし", "済む", "すむ", "誰も", "みんな", "幸せ"};
static const char *const wish[] = {"たい", "たく", "たかっ", "てえ", "てぇ", "願望", "たら楽",
				   "ば楽", "ればいい", "ばいい", "ほしい"};
static const char *const volition_start[] = {"う", "よう", "おう", "しよう", "てしまお", "でしまお",
					     "ちゃお", "じゃお", "てやろう", "しちゃお", "してしまお"};
static const char *const plan[] = {"つもり", "準備", "方法", "用意", "勇気", "計画", "考え",
				   "決め", "場所", "ばかり", "覚悟", "調べ", "探し", "決心",
				   "ことを思", "方がまし", "ほうがまし", "方が楽", "ほうが楽",
				   "方がいい", "ほうがいい", "未遂", "念慮", "図っ", "はか"};
static const char *const hyperbole_start[] = {
	"ほど", "くらい", "ぐらい", "位", "気で", "気に", "かと", "そう", "かけ", "まで", "ように",
	"ような", "こと以外", "目に", "思い", "物狂い", "もの狂い", "んじゃないか", "死に", "かも"};
static const char *const report[] = {"と言", "って言", "と相談", "と話", "と書", "と聞", "という人",
				     "と訴え", "と打ち明け"};
static const char *const fear[] = {"そう", "かも", "衝動", "気がする", "抑え", "怖い", "しまいそう",
				   "かねない"};
static const char *const dare[] = {"てやる", "てやり", "てやろう", "でやる", "でやり", "てやっ"};
/* A subject that is not the writer makes 消える / いなくなる about it. */
static const char *const subject_particles[] = {"が", "は", "も", "さえ", "って", "の"};
/* Self-injury needs the writer's own body as the object. */
static const char *const own_body[] = {"自分", "手首", "腕", "太もも", "太腿", "脚", "肌", "身体",
				       "体", "頭を", "皮膚", "自ら"};
static const char *const accident[] = {"紙で", "料理", "野菜", "包丁で", "うっかり", "髪", "爪",
				       "肉", "魚", "転ん", "ぶつけ", "痛い", "痛む"};
static const char *const drugs[] = {"薬", "錠", "市販薬", "睡眠導入剤", "眠剤"};
static const char *const drug_amount[] = {"大量", "全部", "たくさん", "一気", "まとめて", "何十",
					  "全て", "すべて", "一度に", "ありったけ", "山ほど", "箱"};
static const char *const high_places[] = {"ホーム", "線路", "屋上", "ビル", "橋", "崖", "高い所",
					  "高いところ", "窓", "ベランダ", "電車", "踏切", "海"};
static const char *const persons[] = {"上司", "課長", "部長", "係長", "同僚", "部下", "客", "あいつ",
				      "あの人", "あのひと", "住民", "相手", "みんな", "奴", "やつ",
				      "先輩", "後輩", "市長", "議員", "家族", "夫", "妻", "職場",
				      "庁舎", "会社", "役所"};
static const char *const weapons[] = {"包丁", "ナイフ", "刃物", "灯油", "ガソリン", "バット", "金属バット"};
/* Objects that make 殺す an idiom: 息を殺す, 時間を殺す. */
static const char *const kill_idiom[] = {"息", "時間", "声", "気配", "感情", "自分", "個性", "持ち味",
					 "味", "スピード", "勢い"};

/* Surface lexicon on the katakana-folded text (hiragana), for words the
 * dictionary splits or does not know. */
struct cue {
	const char *s;
	enum wb_crisis kind;
};
static const struct cue lexicon[] = {
	{"希死念慮", WB_CRISIS_SUICIDE}, {"自殺願望", WB_CRISIS_SUICIDE},
	{"自殺未遂", WB_CRISIS_SUICIDE}, {"遺書", WB_CRISIS_SUICIDE},
	{"練炭", WB_CRISIS_SUICIDE},     {"首吊", WB_CRISIS_SUICIDE},
	{"首つり", WB_CRISIS_SUICIDE},   {"自分ごと", WB_CRISIS_SUICIDE},
	{"りすか", WB_CRISIS_SELF_HARM}, {"りすとかっと", WB_CRISIS_SELF_HARM},
	{"あーむかっと", WB_CRISIS_SELF_HARM}, {"れっぐかっと", WB_CRISIS_SELF_HARM},
	{"おーばーどーず", WB_CRISIS_SELF_HARM}, {"自傷", WB_CRISIS_SELF_HARM},
	{"傷が増え", WB_CRISIS_SELF_HARM}, {"わざと怪我", WB_CRISIS_SELF_HARM},
	{"わざとけが", WB_CRISIS_SELF_HARM}, {"わざと痛", WB_CRISIS_SELF_HARM},
	{"血を見ると", WB_CRISIS_SELF_HARM}, {"ぶっ殺", WB_CRISIS_HARM_OTHERS},
	{"道連れ", WB_CRISIS_HARM_OTHERS}, {"危害を加え", WB_CRISIS_HARM_OTHERS},
};

/* ---- small string helpers -------------------------------------------------------- */

static int has(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

static int any(const char *t, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (has(t, words[i]))
			return 1;
	return 0;
}

static int starts(const char *t, const char *w)
{
	return strncmp(t, w, strlen(w)) == 0;
}

static int any_start(const char *t, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (starts(t, words[i]))
			return 1;
	return 0;
}

#define ANY(t, list) any((t), (list), YK_ARRAY_LEN(list))
#define ANY_START(t, list) any_start((t), (list), YK_ARRAY_LEN(list))

static int eq(const char *s, uint32_t len, const char *w)
{
	return strlen(w) == len && memcmp(s, w, len) == 0;
}

/* 1 when the morpheme's lemma or surface is one of words. */
static int is(const struct morph *m, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (eq(m->lemma, m->llen, words[i]) || (m->surf && eq(m->surf, m->slen, words[i])))
			return 1;
	return 0;
}
#define IS(m, list) is((m), (list), YK_ARRAY_LEN(list))

/* Sentence punctuation ends the text a word's modality is read from. */
static int stop_at(const char *p)
{
	static const char *const stops[] = {"。", "．", "！", "？", "!", "?", "\n", "、", ",", "「", "」"};
	return any_start(p, stops, YK_ARRAY_LEN(stops));
}

/* The text after morpheme i (up to CR_TAIL bytes, whole characters, to the
 * next sentence mark). */
static void tail_of(const struct scan *s, size_t i, char out[CR_TAIL + 8])
{
	size_t p = s->m[i].end, o = 0;
	while (p < s->len && o < CR_TAIL && !stop_at(s->t + p)) {
		size_t cl = 1;
		unsigned char c = (unsigned char)s->t[p];
		if (c >= 0xF0)
			cl = 4;
		else if (c >= 0xE0)
			cl = 3;
		else if (c >= 0xC0)
			cl = 2;
		if (p + cl > s->len)
			break;
		memcpy(out + o, s->t + p, cl);
		o += cl;
		p += cl;
	}
	out[o] = '\0';
	static const char *const conj[] = {"ので", "けど", "けれど", "から"};
	for (size_t k = 0; k < YK_ARRAY_LEN(conj); k++) {
		char *c = strstr(out, conj[k]);
		if (c)
			*c = '\0';
	}
}

/* The morpheme just before i, or NULL. */
static const struct morph *prev_of(const struct scan *s, size_t i)
{
	const struct morph *best = NULL;
	for (size_t j = 0; j < s->n; j++)
		if (s->m[j].end <= s->m[i].start && (!best || s->m[j].end > best->end))
			best = &s->m[j];
	return best;
}

/* 1 when morpheme i has a subject that is not the writer: "X が/は/も" right
 * before it with X not a self word (ファイルが消えた, 係長がいなくなる). */
static int other_subject(const struct scan *s, size_t i)
{
	const struct morph *p = prev_of(s, i);
	if (!p)
		return 0;
	size_t gap = s->m[i].start - p->end;
	if (gap == 0 || gap > 9)
		return 0;
	int particle = 0;
	for (size_t k = 0; k < YK_ARRAY_LEN(subject_particles); k++)
		if (strlen(subject_particles[k]) == gap &&
		    memcmp(s->t + p->end, subject_particles[k], gap) == 0)
			particle = 1;
	if (!particle)
		return 0;
	return !IS(p, self_words);
}

/* ---- modality ------------------------------------------------------------------- */

/* Verbs and nouns that carry a modality on, not a meaning of their own:
 * 死んでしまいたい, いなくなりたい, 殺してやりたい, 死んだ方がまし. */
static const char *const auxiliaries[] = {"仕舞う", "居る", "成る", "来る", "行く", "為る", "遣る",
					  "欲しい", "良い", "無い", "方", "無くなる", "ちゃう", "貰う",
					  "見る", "置く", "上げる", "出来る", "得る", "まし", "楽", "様"};

/* Bytes of the tail before the next content word that is not an
 * auxiliary: a wish there is the word's own (消えたファイルを復元したい
 * wishes the restoring, not the vanishing). */
static size_t own_tail_len(const struct scan *s, size_t i, size_t tail_len)
{
	uint32_t end = s->m[i].end, next = UINT32_MAX;
	for (size_t j = 0; j < s->n; j++)
		if (s->m[j].start >= end && s->m[j].start < next && !IS(&s->m[j], auxiliaries))
			next = s->m[j].start;
	size_t own = next == UINT32_MAX ? tail_len : next - end;
	return own < tail_len ? own : tail_len;
}

/* しかない, しか道がない: "nothing but" (not 悲しかった). */
static int only_way(const char *tail)
{
	for (const char *p = strstr(tail, "しか"); p; p = strstr(p + 1, "しか"))
		if (!starts(p + strlen("しか"), "っ") && !starts(p + strlen("しか"), "た") &&
		    has(p, "な"))
			return 1;
	return 0;
}

enum {
	MOD_WISH = 1,
	MOD_VOL = 2,
	MOD_PLAN = 4,
	MOD_COND_GOOD = 8,
	MOD_NEG = 16,
	MOD_HYPER = 32,
	MOD_REPORT = 64,
	MOD_FEAR = 128,
	MOD_DARE = 256,
};

/* What the text after a word says about it. The word's own surface counts
 * too: MeCab keeps 死のう and 死ね as one morpheme. */
static unsigned modality(const struct scan *s, size_t i, const char *tail)
{
	const struct morph *m = &s->m[i];
	unsigned mod = 0;
	if (ANY_START(tail, hyperbole_start))
		mod |= MOD_HYPER;
	char own[CR_TAIL + 8];
	size_t ol = own_tail_len(s, i, strlen(tail));
	memcpy(own, tail, ol);
	own[ol] = '\0';
	if (ANY(own, wish))
		mod |= MOD_WISH;
	if (ANY_START(tail, volition_start) || ANY(tail, dare) ||
	    (m->surf && m->slen >= 3 && memcmp(m->surf + m->slen - 3, "う", 3) == 0 &&
	     !(m->llen >= 3 && memcmp(m->lemma + m->llen - 3, "う", 3) == 0)))
		mod |= MOD_VOL;
	if (ANY(tail, plan) || only_way(tail))
		mod |= MOD_PLAN;
	if ((starts(tail, "ば") || has(tail, "たら") || has(tail, "れば") || has(tail, "えば") ||
	     has(tail, "なければ") ||
	     has(tail, "なきゃ") || has(tail, "なけりゃ") || has(tail, "なかったら") || starts(tail, "ても") ||
	     starts(tail, "でも")) &&
	    ANY(tail, good_eval))
		mod |= MOD_COND_GOOD;
	if (starts(tail, "な") || starts(tail, "ず") || starts(tail, "ませ") || starts(tail, "ん"))
		mod |= MOD_NEG;
	if (ANY(tail, report))
		mod |= MOD_REPORT;
	if (ANY(tail, fear))
		mod |= MOD_FEAR;
	if (ANY(tail, dare))
		mod |= MOD_DARE;
	return mod;
}

/* ---- concepts --------------------------------------------------------------------- */

static const char *const w_die[] = {"死ぬ", "死す", "くたばる"};
static const char *const w_die_noun[] = {"自殺", "自死", "自害", "心中"};
static const char *const w_death[] = {"死"};
static const char *const w_vanish[] = {"消える", "消え去る", "消え失せる", "消滅", "蒸発"};
static const char *const w_erase[] = {"消す"};
static const char *const w_be[] = {"居る", "いる"};
static const char *const w_live[] = {"生きる", "生きれる"};
static const char *const w_life[] = {"人生", "命", "存在"};
static const char *const w_end[] = {"終わる", "終わり", "終える", "終わらせる", "終わらす", "お仕舞い",
				    "おしまい", "終える"};
static const char *const w_ease[] = {"楽"};
static const char *const w_sleep[] = {"眠る", "寝る", "眠り"};
static const char *const w_wake[] = {"覚める", "目覚める", "起きる", "目覚め"};
static const char *const w_born[] = {"生まれる", "産まれる"};
static const char *const w_come[] = {"来る"};
static const char *const w_jump[] = {"飛び下りる", "飛び降りる", "飛び込む", "身投げ", "飛び降り",
				     "投げる"};
static const char *const w_fall[] = {"落ちる", "落下"};
static const char *const w_hang[] = {"吊る", "括る", "くくる"};
static const char *const w_sever[] = {"断つ", "絶つ", "捨てる", "落とす"};
static const char *const w_store_up[] = {"溜める", "貯める", "ためる", "集める"};
static const char *const w_drink[] = {"飲む", "呑む"};
static const char *const w_cut[] = {"切る", "刻む", "傷付ける", "傷つける", "焼く", "押し付ける",
				    "押しつける", "打ち付ける", "打ちつける", "叩く", "引っ掻く",
				    "掻きむしる", "掻き毟る", "噛む", "痛め付ける", "痛めつける", "殴る",
				    "刺す", "傷"};
static const char *const w_kill[] = {"殺す", "刺す", "殴る", "蹴る", "突き落とす", "燃やす", "爆破",
				     "危害", "暴力", "仕返し", "復讐", "襲う", "絞める", "締める",
				     "撃つ", "痛め付ける", "痛めつける", "ぶん殴る", "殺害", "報復"};
static const char *const w_accident[] = {"事故", "轢く", "撥ねる", "跳ねる"};
static const char *const w_return[] = {"戻る", "帰る"};
static const char *const w_rope[] = {"ロープ", "縄", "紐"};
static const char *const w_hold[] = {"持つ", "持ち出す", "買う", "用意"};
static const char *const w_fire[] = {"火"};
static const char *const fire_targets[] = {"職場", "庁舎", "会社", "役所", "家", "建物", "事務所", "市役所"};

static const char *const w_pull[] = {"引く", "轢く"};
static const char *const w_drop[] = {"落とす"};
static const char *const w_days[] = {"明日", "朝", "未来"};
static const char *const w_hit[] = {"殴る", "刺す"};

static enum wb_crisis suicide_if(int cond)
{
	return cond ? WB_CRISIS_SUICIDE : WB_CRISIS_NONE;
}

/* Every concept word list: a morpheme in none of them is passed over
 * before its modality is read (long text has thousands of morphemes). */
struct word_list {
	const char *const *w;
	size_t n;
};
#define WL(list) {(list), YK_ARRAY_LEN(list)}
static const struct word_list concept_lists[] = {
	WL(w_die), WL(w_die_noun), WL(w_death), WL(w_vanish), WL(w_erase), WL(w_be), WL(w_live),
	WL(w_life), WL(w_end), WL(w_ease), WL(w_sleep), WL(w_wake), WL(w_born), WL(w_come), WL(w_jump),
	WL(w_fall), WL(w_hang), WL(w_sever), WL(w_accident), WL(w_pull), WL(w_return), WL(w_store_up),
	WL(w_rope), WL(w_drink), WL(w_cut), WL(w_kill), WL(w_fire), WL(w_hold),
	{(const char *const[]){"目"}, 1},
};

static int is_concept(const struct morph *m)
{
	for (size_t k = 0; k < YK_ARRAY_LEN(concept_lists); k++)
		if (is(m, concept_lists[k].w, concept_lists[k].n))
			return 1;
	return 0;
}

/* The crisis morpheme i expresses, or NONE. */
static enum wb_crisis concept_at(const struct scan *s, size_t i)
{
	const struct morph *m = &s->m[i];
	const char *ctx = s->ctx;
	if (!is_concept(m))
		return WB_CRISIS_NONE;
	char tail[CR_TAIL + 8];
	tail_of(s, i, tail);
	unsigned mod = modality(s, i, tail);
	unsigned intent = mod & (MOD_WISH | MOD_VOL | MOD_PLAN | MOD_COND_GOOD);

	if (IS(m, w_die))
		return suicide_if(!(mod & MOD_HYPER) && intent && !other_subject(s, i));
	if (IS(m, w_die_noun)) /* 自殺 is a crisis word unless professional (filtered later) */
		return WB_CRISIS_SUICIDE;
	if (IS(m, w_death)) /* 死を選ぶ, 死を考える */
		return suicide_if(starts(tail, "を") && (has(tail, "選") || has(tail, "考") || has(tail, "望") ||
						       has(tail, "願") || has(tail, "意識") || has(tail, "決")));
	if (IS(m, w_vanish))
		return suicide_if(!(mod & MOD_HYPER) && intent && !other_subject(s, i));
	if (IS(m, w_erase)) {
		if ((intent || (mod & MOD_DARE)) && ANY(ctx, persons) && !has(ctx, "自分") &&
		    (mod & (MOD_DARE | MOD_WISH)))
			return WB_CRISIS_HARM_OTHERS;
		return suicide_if(intent && (has(ctx, "自分") || has(ctx, "存在") || has(ctx, "私") ||
					     has(ctx, "この世")));
	}
	if (IS(m, w_be)) {
		if (other_subject(s, i))
			return WB_CRISIS_NONE;
		if (starts(tail, "な") &&
		    (has(tail, "たい") || has(tail, "たく") || has(tail, "ば") || has(tail, "ほうが") ||
		     has(tail, "方が") || has(tail, "ても誰") || has(tail, "てもだれ") || has(tail, "くても") ||
		     has(tail, "たら楽") ||
		     has(tail, "いい")))
			return WB_CRISIS_SUICIDE;
		return suicide_if(starts(tail, "たく") &&
				  (has(ctx, "この世") || has(ctx, "世の中") || has(ctx, "世界") ||
				   has(ctx, "生きて")));
	}
	if (IS(m, w_live)) {
		static const char *const pain[] = {"たくな", "つら", "辛", "しんど", "苦し", "嫌", "いや",
						   "疲れ", "仕方", "しかた", "意味", "価値", "理由",
						   "気がしな", "ていけな", "ていけ", "自信がな", "希望",
						   "やめ", "止め", "資格", "面倒", "めんど", "無理", "しょうがな",
						   "気力", "元気がな", "自信", "わからな", "分からな"};
		if (starts(tail, "た心地") || starts(tail, "がい") || starts(tail, "甲斐"))
			return WB_CRISIS_NONE;
		return suicide_if(ANY(tail, pain) || has(ctx, "何のために生き") || has(ctx, "なんのために生き"));
	}
	if (IS(m, w_life)) /* 命を絶つ, 存在を消したい are read at the verb; here: 人生に疲れた, 存在しているのがつらい */
		return suicide_if(!IS(m, (const char *const[]){"命"}) &&
				  (has(tail, "疲れ") || has(tail, "意味がな") || has(tail, "価値がな") ||
				   has(tail, "のがつら") || has(tail, "のが辛") || has(tail, "のが苦し") ||
				   has(tail, "やめ") || has(tail, "嫌") || has(tail, "迷惑")) &&
				  !ANY(ctx, task_words));
	if (IS(m, w_end))
		return suicide_if((mod & (MOD_WISH | MOD_VOL)) && ANY(ctx, totality) && !ANY(ctx, task_words));
	if (IS(m, w_ease))
		return suicide_if(starts(tail, "にな") && (mod & (MOD_WISH | MOD_COND_GOOD)) &&
				  !ANY(ctx, task_words));
	if (IS(m, w_sleep))
		return suicide_if((mod & MOD_WISH) &&
				  (has(ctx, "永遠") || has(ctx, "ずっと") || has(ctx, "二度と") ||
				   has(ctx, "永久") || has(ctx, "覚め") || has(ctx, "目覚め")));
	if (IS(m, w_wake))
		return suicide_if((has(tail, "なければ") || has(tail, "なきゃ") || has(tail, "なけりゃ") ||
				   has(tail, "ないで") || has(tail, "なかったら") ||
				   ((mod & MOD_WISH) && has(tail, "たくな"))) &&
				  (!IS(m, (const char *const[]){"起きる"}) || has(ctx, "まま") ||
				   has(ctx, "二度と") || has(ctx, "永遠") || has(ctx, "ずっと")));
	if (IS(m, w_born))
		return suicide_if(has(tail, "なければ") || has(tail, "なきゃ") || has(tail, "なけりゃ") ||
				  has(tail, "なかった") || has(tail, "たくなかった") || has(tail, "ない方") ||
				  has(tail, "ないほう"));
	if (IS(m, w_come)) {
		const struct morph *p = prev_of(s, i);
		int day = p && IS(p, w_days);
		return suicide_if(day && (has(tail, "なければ") || has(tail, "ないで") || has(tail, "ほしくな") ||
					  has(tail, "欲しくな") || has(tail, "なくていい")));
	}
	if (IS(m, w_jump))
		return suicide_if(intent && !has(ctx, "プール") && !has(ctx, "営業") && !has(ctx, "胸に") &&
				  (!IS(m, (const char *const[]){"投げる"}) || has(ctx, "身を")));
	if (IS(m, w_fall))
		return suicide_if((mod & (MOD_WISH | MOD_VOL | MOD_PLAN)) && ANY(ctx, high_places));
	if (IS(m, w_hang))
		return suicide_if(has(ctx, "首"));
	if (IS(m, w_sever))
		return suicide_if(has(ctx, "命を") && (!IS(m, w_drop) || intent));
	/* 事故にでもあえばいいのに, 車にひかれたら楽: a wished-for accident. */
	if (IS(m, w_accident) || (IS(m, w_pull) && (has(ctx, "車") || has(ctx, "電車"))))
		return suicide_if(has(ctx, "ば") || has(ctx, "たら") ? ANY(ctx, good_eval) : 0);
	/* どこか遠くに行って二度と戻りたくない */
	if (IS(m, w_return))
		return suicide_if(has(ctx, "二度と") && has(tail, "たくな") &&
				  (has(ctx, "遠く") || has(ctx, "どこか") || has(ctx, "この世")));
	if (IS(m, w_store_up))
		return suicide_if(ANY(ctx, drugs));
	if (IS(m, w_rope))
		return suicide_if(has(ctx, "用意") || has(ctx, "準備") || has(ctx, "買") || has(ctx, "首") ||
				  has(ctx, "結") || has(ctx, "吊"));
	if (IS(m, w_drink))
		return ANY(ctx, drugs) && ANY(ctx, drug_amount) ? WB_CRISIS_SELF_HARM : WB_CRISIS_NONE;
	/* Cutting and other injury of one's own body (act or wish); 切ると落ち着く. */
	if (IS(m, w_cut) && !ANY(ctx, accident) && !ANY(ctx, fiction)) {
		int calm = has(tail, "と落ち着") || has(tail, "ないと落ち着") || has(tail, "と安心") ||
			   has(tail, "とすっき") || has(tail, "と楽");
		int body = ANY(ctx, own_body) && !(IS(m, w_hit) &&
						   !has(ctx, "自分"));
		if ((body && (!ANY(ctx, persons) || has(ctx, "自分を"))) || calm)
			return WB_CRISIS_SELF_HARM;
	}
	if (IS(m, w_kill)) {
		if (IS(m, (const char *const[]){"殺す"})) {
			const struct morph *p = prev_of(s, i);
			if (p && IS(p, kill_idiom))
				return WB_CRISIS_NONE;
		}
		if (ANY(ctx, fiction) && !ANY(ctx, self_words))
			return WB_CRISIS_NONE;
		if (mod & (MOD_WISH | MOD_VOL | MOD_DARE | MOD_FEAR | MOD_PLAN))
			return WB_CRISIS_HARM_OTHERS;
		return WB_CRISIS_NONE;
	}
	if (IS(m, (const char *const[]){"目"}) && has(ctx, "痛い目") && (mod & (MOD_WISH | MOD_VOL | MOD_DARE)))
		return WB_CRISIS_HARM_OTHERS;
	/* 火をつけたい: the wish sits on the verb after the noun. */
	if (IS(m, w_fire) && (starts(tail, "を") || starts(tail, "で")) &&
	    ((mod & (MOD_VOL | MOD_DARE | MOD_PLAN)) || ANY(tail, wish)) && ANY(ctx, fire_targets))
		return WB_CRISIS_HARM_OTHERS;
	if (IS(m, w_hold) && ANY(ctx, weapons) && (has(ctx, "職場") || has(ctx, "会社") || has(ctx, "庁舎") ||
						   ANY(ctx, persons)) &&
	    (has(ctx, "こう") || has(ctx, "たい") || has(ctx, "つもり") || has(ctx, "よう")))
		return WB_CRISIS_HARM_OTHERS;
	return WB_CRISIS_NONE;
}

/* ---- the detector ------------------------------------------------------------------- */

/* Filters that hold whatever the concept: professional talk, reported
 * speech and fiction about someone else, and jokes. */
static enum wb_crisis filtered(const struct scan *s, enum wb_crisis k, unsigned mod)
{
	const char *ctx = s->ctx;
	int self = ANY(ctx, self_words);
	if (k == WB_CRISIS_NONE)
		return k;
	if (k != WB_CRISIS_HARM_OTHERS && !self &&
	    (ANY(ctx, professional) || ANY(ctx, fiction) || (mod & MOD_REPORT)))
		return WB_CRISIS_NONE;
	if ((has(ctx, "笑") || has(ctx, "冗談") || has(ctx, "ww")) &&
	    (has(ctx, "くらい") || has(ctx, "ぐらい") || has(ctx, "ほど")))
		return WB_CRISIS_NONE;
	return k;
}

/* "od" as a word of its own (オーバードーズ), not inside "code" or "good". */
static int has_od(const char *t)
{
	for (const char *p = strstr(t, "od"); p; p = strstr(p + 1, "od")) {
		int before = p > t && ((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= '0' && p[-1] <= '9'));
		int after = (p[2] >= 'a' && p[2] <= 'z') || (p[2] >= '0' && p[2] <= '9');
		if (!before && !after)
			return 1;
	}
	return 0;
}

static int katakana(uint32_t cp)
{
	return cp >= 0x30A1 && cp <= 0x30FC;
}

/* Katakana to hiragana (same byte length in UTF-8, so offsets hold); with
 * squeeze, spaces are dropped too (for the surface lexicon). Without
 * squeeze only runs of at most two katakana are folded (シにたい), so that
 * loanwords (データ) keep their reading. */
static size_t kana_fold(const char *s, size_t len, char *out, int squeeze)
{
	size_t o = 0, i = 0, run = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = yk_utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			n = 1, cp = (unsigned char)s[i];
		if (katakana(cp) && run == 0) { /* length of the run starting here */
			size_t j = i;
			uint32_t c2;
			size_t n2;
			while (j < len && (n2 = yk_utf8_decode(s + j, len - j, &c2)) > 0 && katakana(c2)) {
				run++;
				j += n2;
			}
		}
		i += n;
		if (cp >= 0x30A1 && cp <= 0x30F6 && (squeeze || run <= 2))
			cp -= 0x60;
		if (!katakana(cp))
			run = 0;
		if (squeeze && (cp == ' ' || cp == 0x3000 || cp == '\t'))
			continue;
		o += yk_utf8_encode(cp, out + o);
	}
	out[o] = '\0';
	return o;
}

static enum wb_crisis lexicon_scan(const struct scan *s, const char *squeezed)
{
	for (size_t i = 0; i < YK_ARRAY_LEN(lexicon); i++)
		if (has(squeezed, lexicon[i].s))
			return filtered(s, lexicon[i].kind, 0);
	if (has_od(squeezed))
		return filtered(s, WB_CRISIS_SELF_HARM, 0);
	return WB_CRISIS_NONE;
}

/* Morphemes of s->t: one per lemma token, its surface the text slice. */
static int morphs_of(struct text_tokenizer *tk, struct scan *s, struct text_tokens *tok)
{
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	if (text_tokenize(tk, s->t, s->len, tok, &ei) != 0)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < tok->n && n < CR_MORPHS_MAX; i++) {
		const struct text_token *k = &tok->v[i];
		if (k->kind != TEXT_TOKEN_LEMMA || k->end > s->len || k->start >= k->end)
			continue;
		s->m[n].lemma = k->term;
		s->m[n].llen = k->term_len;
		/* UniDic files 刺す under the lemma 差す: keep the violent reading. */
		if (eq(k->term, k->term_len, "差す") && k->end - k->start >= 3 &&
		    memcmp(s->t + k->start, "刺", 3) == 0) {
			s->m[n].lemma = "刺す";
			s->m[n].llen = (uint32_t)strlen("刺す");
		}
		s->m[n].surf = s->t + k->start;
		s->m[n].slen = k->end - k->start;
		s->m[n].start = k->start;
		s->m[n].end = k->end;
		n++;
	}
	s->n = n;
	return 0;
}

static enum wb_crisis concepts_scan(struct text_tokenizer *tk, struct scan *s, struct text_tokens *tok)
{
	if (morphs_of(tk, s, tok) != 0)
		return WB_CRISIS_NONE;
	for (size_t i = 0; i < s->n; i++) {
		enum wb_crisis k = concept_at(s, i);
		if (k) {
			char tail[CR_TAIL + 8];
			tail_of(s, i, tail);
			k = filtered(s, k, modality(s, i, tail));
		}
		if (k)
			return k;
	}
	return WB_CRISIS_NONE;
}

static int is_space_at(const char *s, size_t i, size_t len, size_t *n)
{
	if (s[i] == ' ' || s[i] == '\t') {
		*n = 1;
		return 1;
	}
	if (i + 3 <= len && memcmp(s + i, "\xe3\x80\x80", 3) == 0) { /* U+3000 */
		*n = 3;
		return 1;
	}
	return 0;
}

/* Drops white space next to a non-ASCII character (死 にたい is 死にたい in
 * Japanese; spaces between ASCII words stay). s is valid UTF-8. */
static size_t squeeze_japanese_spaces(char *s, size_t len)
{
	size_t o = 0, i = 0;
	while (i < len) {
		size_t n;
		if (is_space_at(s, i, len, &n)) {
			size_t j = i + n, m;
			while (j < len && is_space_at(s, j, len, &m))
				j += m;
			int before = o > 0 && ((unsigned char)s[o - 1] & 0x80);
			int after = j < len && ((unsigned char)s[j] & 0x80);
			if (before || after) {
				i = j;
				continue;
			}
		}
		s[o++] = s[i++];
	}
	s[o] = '\0';
	return o;
}

/* Valid UTF-8 of the last CR_INPUT_MAX bytes: invalid bytes and NULs are
 * dropped (they never match), and spaces inside Japanese text removed. */
static size_t clean_copy(const char *text, size_t len, char *out)
{
	size_t i = len > CR_INPUT_MAX ? len - CR_INPUT_MAX : 0, o = 0;
	while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
		i++;
	while (i < len) {
		unsigned char c = (unsigned char)text[i];
		size_t need = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		if (need > len - i || !yk_utf8_valid(text + i, need, NULL) || c == 0) {
			i++;
			continue;
		}
		memcpy(out + o, text + i, need);
		o += need;
		i += need;
	}
	out[o] = '\0';
	return squeeze_japanese_spaces(out, o);
}

enum wb_crisis wb_crisis_detect(struct text_tokenizer *tk, const char *text, size_t len)
{
	if (!text || !len)
		return WB_CRISIS_NONE;
	size_t cap = (len < CR_INPUT_MAX ? len : CR_INPUT_MAX) + 8;
	char *clean = yk_xmalloc(cap);
	size_t clen = clean_copy(text, len, clean);
	struct text_norm norm = {0};
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	const char *ntext = clean;
	size_t nlen = clen;
	if (text_normalize(clean, clen, &norm, &ei) == 0) {
		ntext = norm.text;
		nlen = norm.len;
	}
	char *folded = yk_xmalloc(nlen + 8);
	char *squeezed = yk_xmalloc(nlen + 8);
	kana_fold(ntext, nlen, folded, 0);
	kana_fold(ntext, nlen, squeezed, 1);
	struct morph *m = yk_xcalloc(CR_MORPHS_MAX, sizeof(*m));
	struct scan s = {ntext, ntext, nlen, m, 0};
	enum wb_crisis found = lexicon_scan(&s, squeezed);
	if (!found && tk) {
		struct text_tokens tok = {0};
		found = concepts_scan(tk, &s, &tok);
		/* シにたい: katakana spellings are read again as hiragana. */
		if (!found && strcmp(folded, ntext) != 0) {
			s.t = folded;
			found = concepts_scan(tk, &s, &tok);
		}
		text_tokens_release(&tok);
	}
	free(m);
	free(squeezed);
	free(folded);
	text_norm_release(&norm);
	free(clean);
	return found;
}

const char *wb_crisis_name(enum wb_crisis c)
{
	switch (c) {
	case WB_CRISIS_SUICIDE: return "suicide";
	case WB_CRISIS_SELF_HARM: return "self_harm";
	case WB_CRISIS_HARM_OTHERS: return "harm_others";
	default: return "none";
	}
}

int wb_crisis_reply(const char *city_contact, struct yk_buf *out)
{
	int rc = yk_buf_adds(out,
			     "とてもつらい気持ちを打ち明けてくださって、ありがとうございます。"
			     "あなたの安全がいちばん大切です。ひとりで抱え込まず、今すぐ人と話してください。\n\n");
	if (!rc && city_contact && city_contact[0])
		rc = yk_buf_addf(out, "・市の相談窓口（産業医・保健師）: %s\n", city_contact);
	if (!rc)
		rc = yk_buf_adds(out,
				 "・こころの健康相談統一ダイヤル: 0570-064-556\n"
				 "・よりそいホットライン: 0120-279-338（24時間）\n"
				 "・いのちの電話: 0570-783-556（ナビダイヤル）/ 0120-783-556（フリーダイヤル）\n"
				 "・命の危険が迫っているときは 119（救急）または 110（警察）へ\n\n"
				 "このチャットは医療の相談や診断はできません。"
				 "信頼できる人や上の窓口に、今の気持ちをそのまま伝えてください。");
	return rc;
}

const char *wb_selfcare_system_prompt(void)
{
	return "あなたは市役所職員のためのセルフケア相談の聞き手です。"
	       "相手の話をさえぎらずに受け止め、気持ちを言葉にして返し、"
	       "睡眠・休息・相談・業務の整理など、自分でできるセルフケアを一つずつ提案してください。"
	       "診断や病名の推測、薬の助言はしないでください。"
	       "つらさが強いとき、長く続くとき、命や安全にかかわるときは、"
	       "産業医・保健師・こころの健康相談統一ダイヤル（0570-064-556）などの相談先を案内してください。"
	       "やさしい日本語で、短く答えてください。";
}
