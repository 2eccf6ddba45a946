/* wellbeing/crisis: the safety layer of the self-care chat. A pure,
 * rule-based detector of suicidal ideation (direct and indirect), self-harm
 * and harm to others in Japanese, run before any model call; and the
 * answer given at once when it fires.
 *
 * Why rules and not a model: the answer must come with no model configured
 * and before any text leaves the process, and the rules are auditable.
 * Recall on crisis sentences matters most, so the cue lists are broad and
 * the suppressions narrow (hyperbole such as 死ぬほど忙しい never matches a
 * cue in the first place; talk about other people's crises in a
 * professional context is suppressed). Measured on
 * tests/data/wellbeing/crisis.tsv, see docs/wellbeing.md.
 *
 * Matching runs on a folded copy: katakana to hiragana, full-width ASCII
 * to ASCII, ASCII lower-cased, spaces removed; invalid UTF-8 bytes are
 * dropped (they never match). */
#include "wellbeing.h"
#include "core/banned.h"

struct cue {
	const char *s;
	enum wb_crisis kind;
};

/* Written in folded form (katakana as hiragana). */
static const struct cue cues[] = {
	/* suicide, direct */
	{"死にたい", WB_CRISIS_SUICIDE}, {"しにたい", WB_CRISIS_SUICIDE},
	{"死にたく", WB_CRISIS_SUICIDE}, {"自殺し", WB_CRISIS_SUICIDE},
	{"自殺を考", WB_CRISIS_SUICIDE}, {"自殺のこと", WB_CRISIS_SUICIDE},
	{"自殺願望", WB_CRISIS_SUICIDE}, {"自殺未遂", WB_CRISIS_SUICIDE},
	{"自死を", WB_CRISIS_SUICIDE}, {"希死念慮", WB_CRISIS_SUICIDE},
	{"死のう", WB_CRISIS_SUICIDE}, {"死んでしまいたい", WB_CRISIS_SUICIDE},
	{"死んじゃいたい", WB_CRISIS_SUICIDE}, {"生きていたくない", WB_CRISIS_SUICIDE},
	{"生きてたくない", WB_CRISIS_SUICIDE}, {"生きるのをやめ", WB_CRISIS_SUICIDE},
	{"命を絶", WB_CRISIS_SUICIDE}, {"首を吊", WB_CRISIS_SUICIDE},
	{"首をつ", WB_CRISIS_SUICIDE}, {"首吊", WB_CRISIS_SUICIDE},
	{"飛び降り", WB_CRISIS_SUICIDE}, {"飛び込みたい", WB_CRISIS_SUICIDE},
	{"飛び込もう", WB_CRISIS_SUICIDE}, {"死ねる方法", WB_CRISIS_SUICIDE},
	{"死ぬ方法", WB_CRISIS_SUICIDE}, {"遺書", WB_CRISIS_SUICIDE},
	{"練炭", WB_CRISIS_SUICIDE}, {"死んだほうがまし", WB_CRISIS_SUICIDE},
	{"死んだ方がまし", WB_CRISIS_SUICIDE}, {"死んだほうが楽", WB_CRISIS_SUICIDE},
	{"死んだ方が楽", WB_CRISIS_SUICIDE}, {"死にて", WB_CRISIS_SUICIDE},
	{"自殺", WB_CRISIS_SUICIDE}, {"自死", WB_CRISIS_SUICIDE},
	{"死ぬつもり", WB_CRISIS_SUICIDE}, {"死ぬ準備", WB_CRISIS_SUICIDE},
	{"死ぬことばかり", WB_CRISIS_SUICIDE}, {"死ぬことを考", WB_CRISIS_SUICIDE},
	{"死ぬ勇気", WB_CRISIS_SUICIDE}, {"死んでしまお", WB_CRISIS_SUICIDE},
	{"死んじゃお", WB_CRISIS_SUICIDE}, {"死ねば", WB_CRISIS_SUICIDE},
	{"ろーぷを", WB_CRISIS_SUICIDE}, {"落ちてしまお", WB_CRISIS_SUICIDE},
	{"ほーむから", WB_CRISIS_SUICIDE}, {"線路に", WB_CRISIS_SUICIDE},
	{"薬を貯め", WB_CRISIS_SUICIDE}, {"薬をため", WB_CRISIS_SUICIDE},
	{"死なせて", WB_CRISIS_SUICIDE}, {"死ぬ場所", WB_CRISIS_SUICIDE},
	{"首をくく", WB_CRISIS_SUICIDE}, {"高いところから", WB_CRISIS_SUICIDE},
	{"身を投げ", WB_CRISIS_SUICIDE}, {"海に入ってしまい", WB_CRISIS_SUICIDE},
	{"生きるのやめ", WB_CRISIS_SUICIDE}, {"生きるのを止め", WB_CRISIS_SUICIDE},
	{"消滅したい", WB_CRISIS_SUICIDE}, {"いなくなれたら", WB_CRISIS_SUICIDE},
	{"生きていたい理由", WB_CRISIS_SUICIDE}, {"生きる理由", WB_CRISIS_SUICIDE},
	{"存在が迷惑", WB_CRISIS_SUICIDE}, {"迷惑でしかない", WB_CRISIS_SUICIDE},
	{"居場所がない", WB_CRISIS_SUICIDE}, {"何のために生き", WB_CRISIS_SUICIDE},
	{"眠っていられたら", WB_CRISIS_SUICIDE}, {"朝が来てほしくない", WB_CRISIS_SUICIDE},
	{"明日が来てほしくない", WB_CRISIS_SUICIDE}, {"消えてしまお", WB_CRISIS_SUICIDE},
	/* suicide, indirect */
	{"消えたい", WB_CRISIS_SUICIDE}, {"きえたい", WB_CRISIS_SUICIDE},
	{"消えてしまいたい", WB_CRISIS_SUICIDE}, {"消えてしまいたく", WB_CRISIS_SUICIDE},
	{"消えてなくなりたい", WB_CRISIS_SUICIDE}, {"いなくなりたい", WB_CRISIS_SUICIDE},
	{"いなくなってしまいたい", WB_CRISIS_SUICIDE}, {"いなくなれば", WB_CRISIS_SUICIDE},
	{"いなくなったほうが", WB_CRISIS_SUICIDE}, {"いなくなった方が", WB_CRISIS_SUICIDE},
	{"いないほうがいい", WB_CRISIS_SUICIDE}, {"いない方がいい", WB_CRISIS_SUICIDE},
	{"生きている意味", WB_CRISIS_SUICIDE}, {"生きてる意味", WB_CRISIS_SUICIDE},
	{"生きる意味が", WB_CRISIS_SUICIDE}, {"生まれてこなければ", WB_CRISIS_SUICIDE},
	{"生まれてこなきゃ", WB_CRISIS_SUICIDE}, {"目が覚めなければ", WB_CRISIS_SUICIDE},
	{"眠ったまま", WB_CRISIS_SUICIDE}, {"終わりにしたい", WB_CRISIS_SUICIDE},
	{"全て終わらせたい", WB_CRISIS_SUICIDE}, {"全部終わらせたい", WB_CRISIS_SUICIDE},
	{"すべて終わらせたい", WB_CRISIS_SUICIDE}, {"存在を消", WB_CRISIS_SUICIDE},
	{"生きるのがつらい", WB_CRISIS_SUICIDE}, {"生きるのが辛い", WB_CRISIS_SUICIDE},
	{"生きるのに疲れ", WB_CRISIS_SUICIDE}, {"生きることに疲れ", WB_CRISIS_SUICIDE},
	{"生きていくのがしんどい", WB_CRISIS_SUICIDE}, {"生きていくのがつらい", WB_CRISIS_SUICIDE},
	{"生きるのがしんどい", WB_CRISIS_SUICIDE}, {"生きる価値", WB_CRISIS_SUICIDE},
	{"生きている価値", WB_CRISIS_SUICIDE}, {"生きてる価値", WB_CRISIS_SUICIDE},
	{"死ねたら", WB_CRISIS_SUICIDE}, {"事故にでもあえば", WB_CRISIS_SUICIDE},
	{"ひかれたら", WB_CRISIS_SUICIDE}, {"明日が来なければ", WB_CRISIS_SUICIDE},
	{"この世にいたくない", WB_CRISIS_SUICIDE}, {"この世から", WB_CRISIS_SUICIDE},
	{"もう生きていけない", WB_CRISIS_SUICIDE}, {"死ぬしかない", WB_CRISIS_SUICIDE},
	{"誰も困らない", WB_CRISIS_SUICIDE}, {"誰も悲しまない", WB_CRISIS_SUICIDE},
	{"いなくても誰も", WB_CRISIS_SUICIDE}, {"終わりたい", WB_CRISIS_SUICIDE},
	{"楽になりたい", WB_CRISIS_SUICIDE}, {"永遠に眠", WB_CRISIS_SUICIDE},
	{"ずっと眠っていたい", WB_CRISIS_SUICIDE}, {"目覚めたくない", WB_CRISIS_SUICIDE},
	{"自分ごと", WB_CRISIS_SUICIDE}, {"自分を消", WB_CRISIS_SUICIDE},
	{"二度と戻りたくない", WB_CRISIS_SUICIDE}, {"どうでもいい、終わ", WB_CRISIS_SUICIDE},
	/* self-harm */
	{"りすとかっと", WB_CRISIS_SELF_HARM}, {"りすか", WB_CRISIS_SELF_HARM},
	{"手首を切", WB_CRISIS_SELF_HARM}, {"腕を切", WB_CRISIS_SELF_HARM},
	{"自分を傷つけ", WB_CRISIS_SELF_HARM}, {"自傷", WB_CRISIS_SELF_HARM},
	{"薬をたくさん飲", WB_CRISIS_SELF_HARM}, {"大量に飲", WB_CRISIS_SELF_HARM},
	{"おーばーどーず", WB_CRISIS_SELF_HARM}, {"自分を切", WB_CRISIS_SELF_HARM},
	{"自分を殴", WB_CRISIS_SELF_HARM}, {"体を傷つけ", WB_CRISIS_SELF_HARM},
	{"頭を打ちつけ", WB_CRISIS_SELF_HARM}, {"体を切り", WB_CRISIS_SELF_HARM},
	{"薬を全部飲", WB_CRISIS_SELF_HARM}, {"切ると落ち着", WB_CRISIS_SELF_HARM},
	{"切らないと落ち着", WB_CRISIS_SELF_HARM}, {"わざと怪我", WB_CRISIS_SELF_HARM},
	{"わざとけが", WB_CRISIS_SELF_HARM}, {"押し付けた", WB_CRISIS_SELF_HARM},
	{"傷が増え", WB_CRISIS_SELF_HARM}, {"血を見ると", WB_CRISIS_SELF_HARM},
	{"傷をつけ", WB_CRISIS_SELF_HARM}, {"一気に飲みたい", WB_CRISIS_SELF_HARM},
	/* harm to others */
	{"殺したい", WB_CRISIS_HARM_OTHERS}, {"殺してやり", WB_CRISIS_HARM_OTHERS},
	{"殺してやる", WB_CRISIS_HARM_OTHERS}, {"ぶっ殺", WB_CRISIS_HARM_OTHERS},
	{"刺してやろう", WB_CRISIS_HARM_OTHERS}, {"刺してやりたい", WB_CRISIS_HARM_OTHERS},
	{"火をつけたい", WB_CRISIS_HARM_OTHERS}, {"危害を加え", WB_CRISIS_HARM_OTHERS},
	{"殴ってしまいそう", WB_CRISIS_HARM_OTHERS}, {"殴りたい", WB_CRISIS_HARM_OTHERS},
	{"道連れ", WB_CRISIS_HARM_OTHERS}, {"爆破したい", WB_CRISIS_HARM_OTHERS},
	{"暴力をふるいそう", WB_CRISIS_HARM_OTHERS}, {"暴力を振るいそう", WB_CRISIS_HARM_OTHERS},
	{"包丁を持って", WB_CRISIS_HARM_OTHERS}, {"消してやりたい", WB_CRISIS_HARM_OTHERS},
	{"痛い目にあわせ", WB_CRISIS_HARM_OTHERS}, {"痛い目に遭わせ", WB_CRISIS_HARM_OTHERS},
	{"刺すかも", WB_CRISIS_HARM_OTHERS}, {"仕返しして", WB_CRISIS_HARM_OTHERS},
};

/* Contexts in which the words are about other people or about the work of
 * preventing crises, not the writer's own state. Narrow on purpose. */
static const char *const professional[] = {
	"対策", "予防", "対応研修", "への支援", "への対応", "対応方法", "相談者", "をする生徒",
	"ゲートキーパー", "と相談され", "と言われ", "と言って", "と言う人", "講座", "白書",
	"ドラマ", "小説", "げーむ", "犯人", "比喩",
};

/* The writer speaking of themself. */
static const char *const first_person[] = {"私", "わたし", "自分", "僕", "ぼく", "俺", "おれ", "うち自身"};

/* Cues that in a work context are about tasks, not about oneself. */
static const char *const task_words[] = {"年度", "案件", "今日中", "までに", "業務", "帰りた",
					 "会議", "分担", "効率", "作業"};

/* A word of "living" followed closely by a word of pain or pointlessness:
 * 生きているのがつらい, 生きてても仕方ない, 生きていける気がしない. */
static const char *const life_pain[] = {"つらい", "辛い", "しんどい", "疲れ", "仕方", "意味",
					"価値", "たくない", "ていけ", "気がしない", "苦しい", "嫌", "いや"};
#define LIFE_WINDOW 27 /* bytes after 生き looked at (nine characters) */

/* Desire to vanish: 消え + たい/たく within a few characters (消え去りたい). */
#define VANISH_WINDOW 15

/* Harm to others: a person at work and a violent act in the same text. */
static const char *const persons[] = {"上司", "課長", "部長", "係長", "同僚", "部下", "客",
				      "あいつ", "あの人", "あのひと", "住民", "相手"};
static const char *const violence[] = {"刺す", "刺し", "殴", "殺", "危害", "燃や", "火をつけ",
				       "痛い目", "ぶっ", "突き落と"};

#define FOLD_MAX (64u * 1024u) /* bytes of folded text looked at (the end of longer text) */

static size_t fold(const char *s, size_t len, char *out)
{
	size_t o = 0, i = 0;
	/* Long text: the end is what the user is saying now. */
	if (len > FOLD_MAX) {
		i = len - FOLD_MAX;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
	}
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t need = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
		uint32_t cp;
		if (need > len - i || !yk_utf8_valid(s + i, need, NULL)) {
			i++; /* not a valid character: dropped, it never matches */
			continue;
		}
		i += yk_utf8_decode(s + i, need, &cp);
		if (cp >= 0x30A1 && cp <= 0x30F6)
			cp -= 0x60; /* katakana -> hiragana */
		else if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0; /* full-width ASCII */
		if (cp >= 'A' && cp <= 'Z')
			cp += 32;
		if (cp == ' ' || cp == 0x3000 || cp == '\t' || cp == 0)
			continue;
		o += yk_utf8_encode(cp, out + o);
	}
	out[o] = '\0';
	return o;
}

static int contains(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
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

static int any(const char *t, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (contains(t, words[i]))
			return 1;
	return 0;
}

/* 1 when one of words starts within window bytes after an occurrence of
 * stem (byte offsets; all strings are valid UTF-8, so a match is whole). */
static int near(const char *t, const char *stem, const char *const *words, size_t n, size_t window)
{
	size_t sl = strlen(stem);
	for (const char *p = strstr(t, stem); p; p = strstr(p + sl, stem)) {
		const char *after = p + sl;
		for (size_t i = 0; i < n; i++) {
			const char *q = strstr(after, words[i]);
			if (q && (size_t)(q - after) <= window)
				return 1;
		}
	}
	return 0;
}

enum wb_crisis wb_crisis_detect(const char *text, size_t len)
{
	if (!text || !len)
		return WB_CRISIS_NONE;
	/* Chat messages are short: fold them on the stack. */
	char small[2048];
	size_t cap = (len < FOLD_MAX ? len : FOLD_MAX) + 8;
	char *t = cap <= sizeof(small) ? small : yk_xmalloc(cap);
	fold(text, len, t);
	enum wb_crisis found = WB_CRISIS_NONE;
	const char *cue = NULL;
	for (size_t i = 0; i < YK_ARRAY_LEN(cues) && !found; i++)
		if (contains(t, cues[i].s)) {
			found = cues[i].kind;
			cue = cues[i].s;
		}
	if (!found && has_od(t))
		found = WB_CRISIS_SELF_HARM;
	if (!found && (near(t, "生き", life_pain, YK_ARRAY_LEN(life_pain), LIFE_WINDOW) ||
		       near(t, "消え", (const char *const[]){"たい", "たく"}, 2, VANISH_WINDOW)))
		found = WB_CRISIS_SUICIDE;
	if (!found && any(t, persons, YK_ARRAY_LEN(persons)) && any(t, violence, YK_ARRAY_LEN(violence)))
		found = WB_CRISIS_HARM_OTHERS;
	if (found) {
		/* About someone else or about the work of prevention, unless the
		 * writer also speaks of themself (recall first). */
		if (any(t, professional, YK_ARRAY_LEN(professional)) &&
		    !any(t, first_person, YK_ARRAY_LEN(first_person)))
			found = WB_CRISIS_NONE;
		/* 「恥ずかしくて死にたいくらいだった（笑）」: a joke says so. */
		if (found && contains(t, "くらい") && (contains(t, "(笑)") || contains(t, "笑")))
			found = WB_CRISIS_NONE;
		if (found && cue && (contains(cue, "終わ") || contains(cue, "楽になり")))
			for (size_t i = 0; i < YK_ARRAY_LEN(task_words); i++)
				if (contains(t, task_words[i]))
					found = WB_CRISIS_NONE;
	}
	if (t != small)
		free(t);
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
