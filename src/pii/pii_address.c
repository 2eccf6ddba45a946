/* pii/address: Japanese postal addresses in the folded text.
 *
 * An address starts at a prefecture name (東京都, 北海道, 大阪府, XX県) or at
 * a municipality (a name followed by 市/区/町/村/郡), runs over town names
 * and ends with a block number in one of the usual forms (二丁目14番3号,
 * 1234番地, 2丁目3番地の4, 4-12-8, 北99条西9丁目9-9), optionally followed
 * by a building name with a room number (みどりハイツ203号室, サクラビル5F).
 * Without the block number there is no address: みどり市中央公園 and
 * みどり市役所 are places, not someone's address. An address label (住所：)
 * or 丁目 with a block after it anchors an address without a municipality
 * (住所：緑が丘4-12-8, 中央3丁目5番12号). Addresses abroad are items of Latin
 * words and numbers with a street word (1250 Oak Street, Springfield).
 */
#include "pii_int.h"
#include "core/banned.h"

#define ADDR_NAME_MAX 8     /* code points of a municipality name */
#define ADDR_BODY_MAX 40    /* code points from the anchor to the block number */
#define ADDR_BUILDING_MAX 20

static const char *const prefectures[] = {
	"北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県",
	"群馬県", "埼玉県", "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県",
	"山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府",
	"兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
	"香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県",
	"鹿児島県", "沖縄県", NULL,
};

/* 1 when [s, e) is a prefecture's name with or without its 都, 道, 府 or
 * 県 (東京, 大阪府, 北海道): a place, not a person (pii_learn.c). */
int pii__prefecture_name(const struct pii__text *t, size_t s, size_t e)
{
	for (size_t k = 0; prefectures[k]; k++) {
		/* [s, e) against the name's code points: all of them, or all
		 * but the last (the suffix) */
		const char *q = prefectures[k], *end = q + strlen(q);
		size_t j = s;
		while (q < end && j < e) {
			uint32_t c;
			q += yk_utf8_decode(q, (size_t)(end - q), &c);
			if (c != t->cp[j])
				break;
			j++;
		}
		if (j == e && (q == end || yk_utf8_count(q, (size_t)(end - q)) == 1))
			return 1;
	}
	return 0;
}

/* Words that precede an address and are not part of the municipality name
 * when written without punctuation (住所みどり市, 現住所青葉市). */
static const char *const lead_words[] = {
	"現住所", "住所地", "住所", "所在地", "本籍地", "本籍", "転居先", "送付先", "居所", "自宅",
	"宛先", "転出先", "転入先", "連絡先", "勤務先", "実家",
	/* 現在横浜市…に住む: now, before the name (batches 530-537) */
	"現在",
	/* in Chinese: 住在 (lives at), 住址 and 地址 (address); thirteenth
	 * round (b) */
	"住在", "住址", "地址", NULL,
};

static int is_suffix(uint32_t c)
{
	return c == 0x5E02 /* 市 */ || c == 0x533A /* 区 */ || c == 0x753A /* 町 */ ||
	       c == 0x6751 /* 村 */ || c == 0x90E1 /* 郡 */;
}

static int is_kanji_numeral(uint32_t c)
{
	switch (c) {
	case 0x3007: case 0x4E00: case 0x4E8C: case 0x4E09: case 0x56DB: case 0x4E94:
	case 0x516D: case 0x4E03: case 0x516B: case 0x4E5D: case 0x5341:
		return 1;
	default:
		return 0;
	}
}

/* Hiragana that are particles or verb endings: they end a place name. */
static int is_hira_stop(uint32_t c)
{
	/* はをにでとへやもよかねすまたてだられるくいお: a switch (it runs on
	 * every hiragana of an address's surroundings) */
	switch (c) {
	case 0x306F: /* は */ case 0x3092: /* を */ case 0x306B: /* に */ case 0x3067: /* で */
	case 0x3068: /* と */ case 0x3078: /* へ */ case 0x3084: /* や */ case 0x3082: /* も */
	case 0x3088: /* よ */ case 0x304B: /* か */ case 0x306D: /* ね */ case 0x3059: /* す */
	case 0x307E: /* ま */ case 0x305F: /* た */ case 0x3066: /* て */ case 0x3060: /* だ */
	case 0x3089: /* ら */ case 0x308C: /* れ */ case 0x308B: /* る */ case 0x304F: /* く */
	case 0x3044: /* い */ case 0x304A: /* お */
		return 1;
	default:
		return 0;
	}
}

/* Municipalities whose names are written in hiragana alone (the suffix
 * after them: 市, 町 or 村). */
static const char *const kana_municipalities[] = {
	"むつ", "つがる", "いわき", "さいたま", "つくば", "ひたちなか", "かすみがうら", "つくばみらい",
	"さくら", "みどり", "あわら", "かほく", "いなべ", "みよし", "たつの", "うきは", "みやま",
	"えびの", "ときがわ", "みなかみ", "みなべ", "かつらぎ", "みやこ", "おいらせ",
	"むかわ", "えりも", "せたな", "いの", "みやき", "にかほ", NULL};

/* Municipalities whose names mix kana and kanji (いちき串木野市, 南あわじ市,
 * 東かがわ市; batches 790-805): the walks below take only their kanji end or
 * their kana. */
static const char *const mixed_municipalities[] = {"いちき串木野", "南あわじ", "東かがわ",
						   "南アルプス", "あきる野", NULL};

/* Start of the municipality name that ends right before the suffix at i,
 * or (size_t)-1 if there is none. */
static size_t name_start(const struct pii__text *t, size_t i)
{
	size_t mm = pii__ends_with(t, i >= 6 ? i - 6 : 0, i, mixed_municipalities);
	if (mm && (i - mm == 0 || !(pii__is_hira(t->cp[i - mm - 1]) || pii__is_kata(t->cp[i - mm - 1]))))
		return i - mm;
	size_t s = i;
	while (s > 0 && i - s < ADDR_NAME_MAX && pii__is_kanji(t->cp[s - 1]))
		s--;
	if (s < i) {
		/* 杜の浦市, 伊豆の国市, 隠岐の島町: one or two kanji, の, and one
		 * kanji make the name, standing alone (a boundary or a
		 * particle before them: 住所を杜の浦市…); not a prefecture's
		 * or a place's phrase (東京の府中市, 市内の…; batches 298-299),
		 * nor a place or a word before a name of its own (川奈の伊東市
		 * 川奈…, 今の五條市…: two kanji after の; batches 714-729) */
		if (i - s == 1 && s >= 2 && t->cp[s - 1] == 0x306E /* の */ &&
		    pii__is_kanji(t->cp[s - 2])) {
			size_t q = s - 1;
			while (q > 0 && s - 1 - q < 3 && pii__is_kanji(t->cp[q - 1]))
				q--;
			static const uint32_t phrase_end[] = {
				0x5185 /* 内 */, 0x5916 /* 外 */, 0x4E2D /* 中 */, 0x524D /* 前 */,
				0x5F8C /* 後 */, 0x4E0A /* 上 */, 0x4E0B /* 下 */, 0x9593 /* 間 */,
				0x65E5 /* 日 */, 0x6708 /* 月 */, 0x5E74 /* 年 */, 0x56FD /* 国 */,
				0x770C /* 県 */, 0x90FD /* 都 */, 0x5E9C /* 府 */, 0x9053 /* 道 */,
				0x5E02 /* 市 */, 0x753A /* 町 */, 0x6751 /* 村 */, 0x533A /* 区 */,
				0x5BB6 /* 家 */, 0x5B85 /* 宅 */, 0x65B9 /* 方 */, 0x5074 /* 側 */};
			int phrase = 0;
			for (size_t w = 0; w < YK_ARRAY_LEN(phrase_end); w++)
				phrase |= t->cp[s - 2] == phrase_end[w];
			if (s - 1 - q <= 2 && !phrase && !pii__prefecture_name(t, q, s - 1) &&
			    (q == 0 || pii__is_particle(t->cp[q - 1]) ||
			     !(pii__is_kata(t->cp[q - 1]) || pii__is_hira(t->cp[q - 1]) ||
			       pii__is_kanji(t->cp[q - 1]))))
				return q;
		}
		/* a one-kanji tail of a kana name (ひばり野市): fall through to
		 * the kana run; not a city's one-kanji name (呉市, 津市, 旭市)
		 * after a verb's た or る (住んでいた呉市…, 所有されている呉
		 * 市…; session 22's read files) */
		static const char *const two_kana_particles[] = {"から", "まで", "より", NULL};
		if (s > 0 && (pii__is_kata(t->cp[s - 1]) || pii__is_hira(t->cp[s - 1])) &&
		    !pii__is_particle(t->cp[s - 1]) && i - s == 1 &&
		    !(i < t->n && t->cp[i] == 0x5E02 /* 市 */ &&
		      (t->cp[s - 1] == 0x305F /* た */ || t->cp[s - 1] == 0x308B /* る */)) &&
		    /* …2418から旭市…: a particle of two kana (blind batches
		     * 1200-1215) */
		    !(s >= 2 && pii__match_any(t, s - 2, two_kana_particles)))
			;
		else {
			for (size_t k = 0; lead_words[k]; k++) {
				size_t m = pii__match(t, s, lead_words[k]);
				if (m && s + m < i)
					return s + m;
			}
			/* 息子は今横浜市…に住んどる: 今 (now) glued before the
			 * name, two kanji of it at least after; the names that
			 * open with 今 (今治市, 今金町, 今別町, 今帰仁村) keep it
			 * (batches 530-537) */
			if (t->cp[s] == 0x4ECA /* 今 */ && i - s >= 3 && t->cp[s + 1] != 0x6CBB /* 治 */ &&
			    t->cp[s + 1] != 0x91D1 /* 金 */ && t->cp[s + 1] != 0x5225 /* 別 */ &&
			    t->cp[s + 1] != 0x5E30 /* 帰 */)
				return s + 1;
			return s;
		}
	}
	size_t e = s;
	while (s > 0 && e - s < ADDR_NAME_MAX &&
	       (pii__is_kata(t->cp[s - 1]) || pii__is_hira(t->cp[s - 1]) || pii__is_kanji(t->cp[s - 1])))
		s--;
	/* つがる市, さいたま市, ときがわ町: the municipalities named in kana
	 * alone, whose names hold particles (が, と, は) the walk below stops
	 * at, standing alone or after a prefecture, not after other kanji
	 * (東かがわ市, 南あわじ市 are names of their own; batches 730-743) */
	if (i == e && i > s + 1 && pii__is_hira(t->cp[i - 1]))
		for (size_t q = i >= 7 ? i - 7 : 0; q + 1 < i; q++)
			if (q >= s && pii__is_word(t, q, i, kana_municipalities) &&
			    (q == s || t->cp[q - 1] == 0x770C /* 県 */ || t->cp[q - 1] == 0x90FD /* 都 */ ||
			     t->cp[q - 1] == 0x5E9C /* 府 */ || t->cp[q - 1] == 0x9053 /* 道 */))
				return q;
	/* the name is what follows the last particle of the run */
	size_t k = e;
	while (k > s && !pii__is_particle(t->cp[k - 1]) && !pii__is_kanji(t->cp[k - 1]))
		k--;
	/* one kana between kanji (美ら浜市, 美々津 no: 々 is kanji): the kanji
	 * before it open the name */
	if (e - k == 1 && pii__is_hira(t->cp[k]) && !pii__is_particle(t->cp[k]) && k > s &&
	    pii__is_kanji(t->cp[k - 1])) {
		size_t q = k - 1;
		while (q > s && pii__is_kanji(t->cp[q - 1]) && !is_suffix(t->cp[q - 1]) &&
		       t->cp[q - 1] != 0x770C /* 県 */ && t->cp[q - 1] != 0x90FD /* 都 */ &&
		       t->cp[q - 1] != 0x5E9C /* 府 */ && t->cp[q - 1] != 0x9053 /* 道 */ && k - q < 3)
			q--;
		return q;
	}
	/* うきは市: a name of three to five hiragana ending like a particle,
	 * standing alone (a line's start, a space, a colon, a bracket or 、
	 * before it; batches 578-593) */
	if (k == e && e - s >= 3 && e - s <= 5 &&
	    (s == 0 || t->cp[s - 1] == ' ' || t->cp[s - 1] == ':' || t->cp[s - 1] == '(' ||
	     t->cp[s - 1] == '\n' || t->cp[s - 1] == 0x3001 /* 、 */)) {
		size_t q = s;
		while (q < e && pii__is_hira(t->cp[q]))
			q++;
		if (q == e)
			return s;
	}
	if (e - k < 2)
		return (size_t)-1;
	/* 学園みらい市, 南アルプス市: one or two kanji right before a run of
	 * kana open the name too (batches 296-297); not a prefecture's or a
	 * municipality's suffix (茨城県かすみがうら市), not a word of time
	 * (先日みどり市…), and not after kana (ペルー国リマ市) */
	static const uint32_t time_end[] = {0x65E5 /* 日 */, 0x6708 /* 月 */, 0x5E74 /* 年 */,
					    0x9031 /* 週 */, 0x6642 /* 時 */, 0x9803 /* 頃 */,
					    0x524D /* 前 */, 0x5F8C /* 後 */, 0x5185 /* 内 */,
					    0x56FD /* 国 */};
	int time_word = 0;
	for (size_t w = 0; k > 0 && w < YK_ARRAY_LEN(time_end); w++)
		time_word |= t->cp[k - 1] == time_end[w];
	if (k > s && pii__is_kanji(t->cp[k - 1]) && !pii__is_particle(t->cp[k]) && !time_word) {
		size_t q = k;
		while (q > s && pii__is_kanji(t->cp[q - 1]) && !is_suffix(t->cp[q - 1]) &&
		       t->cp[q - 1] != 0x770C /* 県 */ && t->cp[q - 1] != 0x90FD /* 都 */ &&
		       t->cp[q - 1] != 0x5E9C /* 府 */ && t->cp[q - 1] != 0x9053 /* 道 */ && k - q < 2)
			q--;
		if (q < k && !(q > 0 && (pii__is_kanji(t->cp[q - 1]) || pii__is_kata(t->cp[q - 1]) ||
					 pii__is_hira(t->cp[q - 1]))))
			return q;
	}
	return k;
}

/* 百 or 千 at j, a numeral after it (百五十番地の二, 四百十五番地; blind
 * batches 1200-1263): a number's, not a word's (千代田, 百人町); inside
 * a number already read (first 0) no numeral need follow. */
static int hundreds_at(const struct pii__text *t, size_t j, int first)
{
	uint32_t c = t->cp[j];
	return (c == 0x767E /* 百 */ || c == 0x5343 /* 千 */) &&
	       (!first || (j + 1 < t->n && is_kanji_numeral(t->cp[j + 1])));
}

/* Reads a number (arabic or kanji numerals) at *i. */
static int read_number(const struct pii__text *t, size_t *i, int *kanji)
{
	size_t j = *i;
	if (j < t->n && pii__is_digit(t->cp[j])) {
		while (j < t->n && pii__is_digit(t->cp[j]) && j - *i < 6)
			j++;
		*kanji = 0;
	} else {
		while (j < t->n && j - *i < 6 &&
		       (is_kanji_numeral(t->cp[j]) || hundreds_at(t, j, j == *i)))
			j++;
		*kanji = 1;
	}
	if (j == *i)
		return 0;
	*i = j;
	return 1;
}

/* Words that end a building's name even without katakana in it. */
static const char *const building_suffix[] = {"寮", "団地", "荘", "棟", "館", "住宅", "宿舎", "社宅", "マンション",
					      "ハイツ", "コーポ", "ビル", "アパート", "レジデンス",
					      "コート", "ハウス", "ヴィラ",
					      /* a 文化住宅, the wooden flats of Kansai, is
					       * named by its short form (第一楠根文化 1階3号);
					       * read only with a room after it */
					      "文化",
					      /* a care home where its residents live and are
					       * registered (…3-1 特養さつき苑, …60番地 ひのき苑) */
					      "苑", NULL};

/* A room number: digits, optionally a letter and a hyphen before them (B-103),
 * digits-digits (11-304), or 3号棟405号; then 号室, 号, 室, F or 階. Returns
 * its end or 0. */
static size_t room_end(const struct pii__text *t, size_t j)
{
	if (j + 1 < t->n && pii__is_upper(t->cp[j]) && t->cp[j + 1] == '-')
		j += 2;
	/* コスモ臼田 A102: a wing's letter glued before a room of two
	 * digits or more (session 26's read files) */
	else if (j + 2 < t->n && pii__is_upper(t->cp[j]) && pii__is_digit(t->cp[j + 1]) &&
		 pii__is_digit(t->cp[j + 2]))
		j++;
	if (j >= t->n || !pii__is_digit(t->cp[j]))
		return 0;
	size_t d = j;
	while (j < t->n && pii__is_digit(t->cp[j]) && j - d < 5)
		j++;
	if (j < t->n && pii__is_digit(t->cp[j]))
		return 0;
	size_t m;
	if ((m = pii__match(t, j, "号棟")) && j + m < t->n && pii__is_digit(t->cp[j + m]))
		return room_end(t, j + m);
	/* 団地2街区 1013号, 2街区1105号, 3号棟 405: a block or a wing of the
	 * estate and the room, after a space or not (thirteenth round (b)) */
	static const char *const wing[] = {"街区", "号棟", "号館", "番館", "棟", NULL};
	if ((m = pii__match_any(t, j, wing))) {
		size_t w = j + m < t->n && t->cp[j + m] == ' ' ? j + m + 1 : j + m;
		size_t r = w < t->n && pii__is_digit(t->cp[w]) ? room_end(t, w) : 0;
		if (r)
			return r;
		/* 418番地 2号棟: a wing without a room ends the address where
		 * its word ends (batches 218-225) */
		size_t q = j + m;
		if (t->cp[j] != 0x8857 /* 街 */ &&
		    (q >= t->n || !(pii__is_alnum(t->cp[q]) || pii__is_kanji(t->cp[q]) ||
				    pii__is_kata(t->cp[q]) || pii__is_hira(t->cp[q]))))
			return q;
	}
	/* 新町ハイツ3B: a room lettered after its number, ending the word */
	if (j + 1 < t->n && pii__is_upper(t->cp[j]) && j - d <= 4 &&
	    (j + 1 == t->n || !(pii__is_alnum(t->cp[j + 1]) || pii__is_kanji(t->cp[j + 1]) ||
				pii__is_kata(t->cp[j + 1]) || t->cp[j + 1] == '-')))
		return j + 1;
	if (j + 1 == t->n && pii__is_upper(t->cp[j]) && j - d <= 4)
		return j + 1;
	/* 東海通荘5棟302 (seventh round): the wing's number and the room */
	if (j < t->n && t->cp[j] == 0x68DF /* 棟 */ && j + 1 < t->n && pii__is_digit(t->cp[j + 1]))
		return room_end(t, j + 1);
	if (j + 1 < t->n && t->cp[j] == '-' && pii__is_digit(t->cp[j + 1]))
		return room_end(t, j + 1);
	/* サンハイツ太秦 2-B: a letter after the hyphen ends the room */
	if (j + 1 < t->n && t->cp[j] == '-' && pii__is_upper(t->cp[j + 1]) &&
	    (j + 2 >= t->n || !(pii__is_alnum(t->cp[j + 2]) || pii__is_kanji(t->cp[j + 2]))))
		return j + 2;
	static const char *const room[] = {"号室", "号", "室", "F", "階", NULL};
	for (size_t k = 0; room[k]; k++)
		if ((m = pii__match(t, j, room[k]))) {
			/* 3F-12: a room on the floor */
			size_t r = j + m, q = r + 1;
			/* 2階B号, 2階B号室: a room lettered on the floor */
			if (k == 4 && q < t->n && pii__is_upper(t->cp[r]) &&
			    (m = pii__match(t, q, "号室") ? 2 : pii__match(t, q, "号") ? 1 : 0))
				return q + m;
			/* 山田荘 5階 509, ホテル寿 4階 412, 扇山荘 3階315: the
			 * room's bare number after the floor, a space between or
			 * not, closing the address (session 22's read files) */
			if (k == 4 && r + 1 < t->n &&
			    (pii__is_digit(t->cp[r]) || (t->cp[r] == ' ' && pii__is_digit(t->cp[r + 1])))) {
				size_t g = t->cp[r] == ' ' ? r + 1 : r, g0 = g;
				while (g < t->n && pii__is_digit(t->cp[g]) && g - g0 < 5)
					g++;
				size_t gm = pii__match(t, g, "号室") ? 2 : pii__match(t, g, "号") ? 1 : 0;
				if (g - g0 >= 3 && g - g0 <= 4 && !gm &&
				    (g >= t->n || !(pii__is_alnum(t->cp[g]) || pii__is_kanji(t->cp[g]) ||
						    pii__is_kata(t->cp[g]) || t->cp[g] == '-')))
					return g;
				if (t->cp[r] == ' ' && gm && g - g0 >= 1 &&
				    (g + gm >= t->n ||
				     !(pii__is_alnum(t->cp[g + gm]) || pii__is_kanji(t->cp[g + gm]))))
					return g + gm;
			}
			/* 第一楠根文化 1階3号, 2階12号室: the floor and the room's
			 * number on it, as a 文化住宅's rooms are numbered
			 * (batches 402-405) */
			if (k == 4 && r < t->n && pii__is_digit(t->cp[r])) {
				size_t g = r;
				while (g < t->n && pii__is_digit(t->cp[g]) && g - r < 3)
					g++;
				size_t gm = pii__match(t, g, "号室") ? 2 : pii__match(t, g, "号") ? 1 : 0;
				if (gm && (g + gm >= t->n || !(pii__is_alnum(t->cp[g + gm]) ||
							      pii__is_kanji(t->cp[g + gm]))))
					return g + gm;
			}
			/* アパート2階B: the letter alone ends the room
			 * (thirteenth round (b)) */
			if (k == 4 && r < t->n && pii__is_upper(t->cp[r]) &&
			    (q == t->n || !(pii__is_alnum(t->cp[q]) || pii__is_kanji(t->cp[q]) ||
					    pii__is_kata(t->cp[q]))))
				return q;
			/* メゾン高田馬場2F-B: a room lettered after the floor and a
			 * hyphen (fifteenth round (b)) */
			if (k >= 3 && q < t->n && t->cp[r] == '-' && pii__is_upper(t->cp[q]) &&
			    (q + 1 == t->n || !(pii__is_alnum(t->cp[q + 1]) ||
						pii__is_kanji(t->cp[q + 1]) || pii__is_kata(t->cp[q + 1]))))
				return q + 1;
			if (k >= 3 && q < t->n && t->cp[r] == '-' && pii__is_digit(t->cp[q])) {
				while (q < t->n && pii__is_digit(t->cp[q]) && q - r <= 4)
					q++;
				if (q == t->n || !pii__is_alnum(t->cp[q]))
					return q;
			}
			return r;
		}
	/* 実習生寮201〜203: a range of rooms, the rooms of one household or of
	 * a group living together (fifteenth round (b)); not a clock time */
	if (j + 1 < t->n && (t->cp[j] == 0x301C /* 〜 */ || t->cp[j] == '~' /* ～ folded */) &&
	    pii__is_digit(t->cp[j + 1])) {
		size_t q = j + 1;
		while (q < t->n && pii__is_digit(t->cp[q]) && q - j <= 5)
			q++;
		if (q - j - 1 == j - d && (q == t->n || !(pii__is_alnum(t->cp[q]) || t->cp[q] == ':' ||
							  pii__is_kanji(t->cp[q]) || pii__is_kata(t->cp[q]))))
			return q;
	}
	/* グランドール魚崎305在住: living there is said right after the room */
	if (pii__match(t, j, "在住"))
		return j;
	if (j < t->n && (pii__is_alnum(t->cp[j]) || pii__is_kanji(t->cp[j])))
		return 0;
	return j;
}

/* Words that end the name of a dwelling of several households (a dormitory,
 * a flat): such a building after a block number is part of the address
 * even without a room number (…48-2 サンライズ第二寮。). */
static const char *const dwelling_suffix[] = {"寮", "荘", "住宅", "宿舎", "社宅", "団地", "ハイツ", "マンション",
					      "コーポ", "アパート", "レジデンス", "ハウス", "苑", NULL};

/* The building name [s, j) ends in a dwelling word and the text goes on
 * with punctuation, a bracket, a line end or the end. */
static int dwelling_end(const struct pii__text *t, size_t s, size_t j)
{
	if (j < t->n) {
		uint32_t c = t->cp[j];
		/* …大和田寮（部屋番号は…）: a note in brackets after the
		 * dwelling (thirteenth round (b)) */
		/* …211番地 洛東寮です。: a sentence that says what the
		 * address is ends with the dwelling's name */
		/* …8-3 十坂寮へ送り届けた, …7番地 港町ハイツの周辺: a particle
		 * right after a named dwelling (two code points of its name at
		 * least before the word) goes on with the sentence about the
		 * place, the dwelling's name ends there (batches 418-421); not
		 * a kind of housing (市営住宅のとなり, 県営団地の…), which names
		 * what stands near the address */
		static const char *const kinds[] = {"住宅", "団地", NULL};
		int particle = pii__is_particle(c) && j >= s + 3 && c != 0x3084 /* や */ &&
			       c != 0x3082 /* も */ && pii__ending_word(t, s, j, kinds) < 0;
		for (size_t q = s; particle && q < j; q++)
			particle = t->cp[q] != 0x55B6 /* 営 */;
		if (!(pii__is_boundary(c) || c == 0x3001 || c == ')' || c == '(' || c == ',' ||
		      c == '/' || pii__match(t, j, "です") || particle))
			return 0;
	}
	/* a suffix ending at j with at least one code point before it */
	return pii__ending_word(t, s + 1, j, dwelling_suffix) >= 0;
}

/* Digits at j inside a building's name: 1-2 digits and 条 (南7条). */
static int grid_in_name(const struct pii__text *t, size_t j)
{
	size_t k = j;
	while (k > 0 && pii__is_digit(t->cp[k - 1]))
		k--;
	size_t e = k;
	while (e < t->n && pii__is_digit(t->cp[e]))
		e++;
	return e - k <= 2 && e < t->n && t->cp[e] == 0x6761 /* 条 */;
}

/* A run of 2-6 hiragana at j that ends right before a digit (the room's
 * number follows the building's name). */
static int hira_before_room(const struct pii__text *t, size_t j)
{
	size_t a = j;
	while (a > 0 && pii__is_hira(t->cp[a - 1]))
		a--;
	size_t e = j;
	while (e < t->n && pii__is_hira(t->cp[e]))
		e++;
	/* ハイツやば 1-B: one space before the room too (sixteenth round (b)) */
	if (e + 1 < t->n && t->cp[e] == ' ' && pii__is_digit(t->cp[e + 1]))
		e++;
	return e - a >= 2 && e - a <= 7 && e < t->n && pii__is_digit(t->cp[e]);
}

/* A run of 2-6 hiragana holding j, no particle of a phrase in it (の, が,
 * を, に…), that ends right before a building's word (寮, 荘, ハイツ…):
 * a building named in kana (ひまわり寮); 近くの寮 is a phrase. A run that
 * opens the name right after the block (s) and whose building has its
 * room's number glued after the word may hold a particle inside
 * (…5番8号 ひがしハイツ201, twenty-seventh round (g)): a phrase opens
 * with its particle there (…8号 のハイツ) or names no room. */
static int hira_before_building(const struct pii__text *t, size_t s, size_t j)
{
	size_t a = j;
	while (a > 0 && pii__is_hira(t->cp[a - 1]) && j - a < 6)
		a--;
	size_t e = j;
	int particle = 0;
	while (e < t->n && pii__is_hira(t->cp[e]) && e - a < 7) {
		particle = particle || pii__is_particle(t->cp[e]);
		e++;
	}
	if (e - a < 2 || e - a > 6 || e >= t->n)
		return 0;
	size_t w = pii__match_any(t, e, building_suffix);
	if (!w)
		return 0;
	if (!particle)
		return 1;
	if (a != s || pii__is_particle(t->cp[a]))
		return 0;
	/* …60番地 ひのき苑, …ひのき苑職員寮5号: a care home named in kana
	 * right after the lot, the line or a clause closing it or the name
	 * going on in kanji (a sentence would go on with a particle) */
	uint32_t after = e + w < t->n ? t->cp[e + w] : '\n';
	return pii__is_digit(after) ||
	       (pii__match(t, e, "苑") &&
		(pii__is_kanji(after) || pii__is_boundary(after) || after == 0x3001 || after == ')'));
}

/* A run of 2-6 hiragana opening the building's name at s and holding j,
 * katakana right after it and the room's number glued to them (…9-30-2
 * ときわハイム203, のぞみコーポ101; batches 530-537), or kanji that end in
 * a building's word before the room (…14-6 すくも水産第二寮201; batches
 * 538-545): the kana name the building though they open like a particle
 * (と, の, す); a sentence after an address has no such word closed by a
 * number there. */
static int hira_opening_kata(const struct pii__text *t, size_t s, size_t j)
{
	size_t e = s;
	while (e < t->n && pii__is_hira(t->cp[e]) && e - s < 7)
		e++;
	if (j >= e || e - s < 2 || e - s > 6)
		return 0;
	size_t k = e;
	int kata = 0;
	while (k < t->n && (pii__is_kata(t->cp[k]) || pii__is_kanji(t->cp[k])) && k - e < 10)
		kata |= pii__is_kata(t->cp[k]), k++;
	if (k - e < 2 || k >= t->n || !pii__is_digit(t->cp[k]))
		return 0;
	return kata || pii__ending_word(t, e, k, building_suffix) >= 0;
}

/* A run of 2-6 hiragana holding j inside a building's name, kanji or
 * katakana on both sides (町営住宅みなと団地B棟12号, 特別養護老人ホーム
 * あいこく苑 203号室; batches 346 and 353): the kana end like particles
 * (と, い, く) but open with none. Such a name is read only when a room
 * follows it (*inside set), as where the rest of a sentence follows a
 * building (住宅のとなり) no room does. */
static int hira_inside_name(const struct pii__text *t, size_t s, size_t j, int *inside)
{
	size_t a = j;
	while (a > s && pii__is_hira(t->cp[a - 1]) && j - a < 6)
		a--;
	if (a == s || !(pii__is_kanji(t->cp[a - 1]) || pii__is_kata(t->cp[a - 1])) ||
	    pii__is_particle(t->cp[a]) || is_hira_stop(t->cp[a]))
		return 0;
	size_t e = j;
	while (e < t->n && pii__is_hira(t->cp[e]) && e - a < 7)
		e++;
	if (e - a < 2 || e - a > 6 || e >= t->n ||
	    !(pii__is_kanji(t->cp[e]) || pii__is_kata(t->cp[e])))
		return 0;
	*inside = 1;
	return 1;
}

/* Building name with room number after an address: みどりハイツ203号室,
 * ハイツ上野B-103, 保見団地11-304, 緑ヶ丘団地3号棟405号; or a room number
 * right after the 号 (…3号-605). */
static size_t building_end_plain(const struct pii__text *t, size_t i);

/* The building and room in brackets after the block (…1-2-3（みどりアパート
 * 2号室）): the bracket is part of the address when it holds a building
 * with a numbered room and closes right after it. */
static size_t building_end(const struct pii__text *t, size_t i)
{
	if (i + 2 < t->n && t->cp[i] == '(' &&
	    (pii__is_kata(t->cp[i + 1]) || pii__is_kanji(t->cp[i + 1]) ||
	     pii__is_hira(t->cp[i + 1]))) {
		size_t e = building_end_plain(t, i + 1);
		if (e > i + 1 && e < t->n && t->cp[e] == ')' &&
		    (t->cp[e - 1] == 0x5BA4 /* 室 */ || t->cp[e - 1] == 0x53F7 /* 号 */))
			return e + 1;
		return i;
	}
	return building_end_plain(t, i);
}

/* The digits before i follow 番地 (12番地1|). */
static int lot_after_banchi(const struct pii__text *t, size_t i)
{
	size_t b = i;
	while (b > 0 && pii__is_digit(t->cp[b - 1]) && i - b < 4)
		b--;
	return b < i && b >= 2 && t->cp[b - 1] == 0x5730 /* 地 */ && t->cp[b - 2] == 0x756A /* 番 */;
}

/* 奥杣荘 寮2号室, 園田農園 実習生寮2号室: after the building or the
 * employer a word of kanji or katakana at w ending in a dwelling's word
 * (寮, 荘, ...) and its numbered room in 号 or 号室, the lodgings a worker
 * lives in (batch 396). Its end, or 0. */
static size_t dwelling_room_after(const struct pii__text *t, size_t w)
{
	size_t q = w;
	while (q < t->n && q - w < 10 && (pii__is_kanji(t->cp[q]) || pii__is_kata(t->cp[q])))
		q++;
	if (q == w || q >= t->n || !pii__is_digit(t->cp[q]) ||
	    pii__ending_word(t, w, q, dwelling_suffix) < 0)
		return 0;
	size_t r = room_end(t, q);
	return r && (t->cp[r - 1] == 0x53F7 /* 号 */ || t->cp[r - 1] == 0x5BA4 /* 室 */) ? r : 0;
}

/* ゆずの里寮, さくらの杜荘, ひかりの丘ハイツ: a dwelling named in
 * hiragana, の and a place's kanji, opening the building's name at s. Two
 * to six hiragana, の, then kanji and a dwelling's word ending them, one
 * kanji at least before the word: a phrase (近くの寮) has none, and the
 * name's kana may end like a particle (か, ら) where a phrase's do.
 * Returns the code point after the の, or s. */
static size_t kana_no_dwelling(const struct pii__text *t, size_t s)
{
	size_t j = s;
	while (j < t->n && j - s <= 6 && pii__is_hira(t->cp[j]) && t->cp[j] != 0x306E /* の */)
		j++;
	if (j < s + 2 || j - s > 6 || j + 2 >= t->n || t->cp[j] != 0x306E ||
	    !pii__is_kanji(t->cp[j + 1]))
		return s;
	for (size_t q = j + 2; q < t->n && q - j <= 6 && (pii__is_kanji(t->cp[q]) || pii__is_kata(t->cp[q]));
	     q++)
		if (pii__match_any(t, q, dwelling_suffix))
			return j + 1;
	return s;
}

/* The building's name [s, j) ends in a dwelling's word glued right after
 * its kana, kanji before them (…2-5-8 第二みなと寮）, …1-4 北のさくら荘):
 * the kana name the dwelling, though they end like a particle (と, ら),
 * as the word closes the name right after them; a sentence's kana inside
 * a name (住宅のとなり) run on past the word (batch 419). */
static int kana_dwelling_word(const struct pii__text *t, size_t s, size_t j)
{
	long k = pii__ending_word(t, s + 1, j, dwelling_suffix);
	if (k < 0)
		return 0;
	size_t w = j - pii__kw_len(dwelling_suffix[k]);
	return w >= s + 3 && pii__is_hira(t->cp[w - 1]) && pii__is_hira(t->cp[w - 2]);
}

/* A run of 2-6 hiragana opening at j after the kanji of a building's name
 * that starts at s, a dwelling's word right after it and the name ending
 * there (…1-2-3 第一かもめ荘）, …第二みなと寮へ): the kana name the
 * dwelling though they open or end like a particle (か, と); a phrase
 * opens with its particle (…会館のかたち) or goes on after the word. */
static int kana_opening_dwelling(const struct pii__text *t, size_t s, size_t j)
{
	size_t a = j;
	while (a > s && pii__is_hira(t->cp[a - 1]) && j - a < 6)
		a--;
	if (a <= s || !pii__is_kanji(t->cp[a - 1]) || pii__is_particle(t->cp[a]))
		return 0;
	size_t e = j;
	while (e < t->n && pii__is_hira(t->cp[e]) && e - a < 7)
		e++;
	if (e - a < 2 || e - a > 6 || e >= t->n)
		return 0;
	size_t w = pii__match_any(t, e, dwelling_suffix);
	if (!w)
		return 0;
	uint32_t after = e + w < t->n ? t->cp[e + w] : '\n';
	return !(pii__is_kanji(after) || pii__is_kata(after) || pii__is_alpha(after));
}

static size_t building_end_plain(const struct pii__text *t, size_t i)
{
	size_t j = i;
	if (j + 1 < t->n && t->cp[j] == '-' && pii__is_digit(t->cp[j + 1]) && i > 0 &&
	    t->cp[i - 1] == 0x53F7 /* 号 */) {
		size_t e = room_end(t, j + 1);
		return e ? e : i;
	}
	/* 古江台4丁目2番D-3-508, …2番 D-3-508: an estate's building letter,
	 * its number and the room, glued to the 番 or after a space
	 * (batches 226-233) */
	if (i > 0 && t->cp[i - 1] == 0x756A /* 番 */) {
		size_t q = j < t->n && t->cp[j] == ' ' ? j + 1 : j;
		if (q + 4 < t->n && pii__is_upper(t->cp[q]) && t->cp[q + 1] == '-' &&
		    pii__is_digit(t->cp[q + 2])) {
			size_t e = room_end(t, q);
			if (e > q + 3)
				return e;
		}
	}
	/* 津雲台1丁目2-D4-305: an estate's building, lettered and numbered,
	 * and the room after the lot (fifteenth round (b)) */
	if (j + 4 < t->n && t->cp[j] == '-' && pii__is_upper(t->cp[j + 1]) &&
	    pii__is_digit(t->cp[j + 2])) {
		size_t q = j + 2;
		while (q < t->n && pii__is_digit(t->cp[q]) && q - j <= 4)
			q++;
		if (q + 1 < t->n && t->cp[q] == '-' && pii__is_digit(t->cp[q + 1])) {
			size_t e = room_end(t, q + 1);
			if (e)
				return e;
		}
	}
	/* a tab ends the table's cell: the building is never in the next one
	 * (…22-3-305<TAB>R7.11.5; twelfth round (b)) */
	if (j < t->n && t->cp[j] == ' ' && pii__raw_tab(t, j))
		return i;
	/* 1番地 7-204, 3番 2-5-614, 3番 2街区 7号棟 411号: the estate's
	 * building and room after the block and a space, in numbers joined by
	 * hyphens or with the estate's words (twentieth round (b)). Not a
	 * phone (it opens with 0) nor a lone number (3番 12) */
	if (i >= 1 && j + 2 < t->n && t->cp[j] == ' ' && pii__is_digit(t->cp[j + 1]) &&
	    t->cp[j + 1] != '0' &&
	    (t->cp[i - 1] == 0x756A /* 番 */ ||
	     (i >= 2 && t->cp[i - 1] == 0x5730 /* 地 */ && t->cp[i - 2] == 0x756A) ||
	     /* 高台12番地1 2号棟409号室: after the lot's last number too
	      * (batches 242-249) */
	     lot_after_banchi(t, i))) {
		size_t r = room_end(t, j + 1);
		int shaped = 0;
		for (size_t q = j + 1; q < r && !shaped; q++)
			shaped = t->cp[q] == '-' || t->cp[q] == 0x53F7 /* 号 */ ||
				 t->cp[q] == 0x8857 /* 街 */;
		if (r && shaped && (r >= t->n || t->cp[r] != '-'))
			return r;
	}
	/* 1番9号 302号室: the room after the house's 号 and a space, named
	 * by 号室 (twenty-second round (b)); a bare number there (9号 3) is
	 * not read as a room */
	if (i >= 1 && j + 3 < t->n && t->cp[j] == ' ' && t->cp[i - 1] == 0x53F7 /* 号 */ &&
	    pii__is_digit(t->cp[j + 1]) && t->cp[j + 1] != '0') {
		size_t r = room_end(t, j + 1);
		if (r >= j + 3 && pii__match(t, r - 2, "号室"))
			return r;
	}
	/* （…一丁目3番2号 101）: a bare room of three or four digits after the
	 * house's 号 and a space, closing the bracket, the line or the
	 * sentence (batches 402-405); a count or a sum has its unit (2号 10人) */
	if (i >= 1 && j + 4 < t->n && t->cp[j] == ' ' && t->cp[i - 1] == 0x53F7 /* 号 */ &&
	    pii__is_digit(t->cp[j + 1]) && t->cp[j + 1] != '0') {
		size_t r = j + 1;
		while (r < t->n && pii__is_digit(t->cp[r]) && r - j <= 4)
			r++;
		if (r - j - 1 >= 3 && r - j - 1 <= 4 &&
		    (r == t->n || t->cp[r] == ')' || t->cp[r] == '\n' || t->cp[r] == '\r' ||
		     t->cp[r] == 0x3001 /* 、 */ || t->cp[r] == 0x3002 /* 。 */))
			return r;
	}
	/* 小浜40番地1 202号: a room of three or four digits and 号 after the
	 * lot's last number and a space (batches 194-201); 番地 before that
	 * number says the digits are a lot's, the 号 says a room's */
	if (i >= 3 && pii__is_digit(t->cp[i - 1]) && j + 4 < t->n && t->cp[j] == ' ' &&
	    pii__is_digit(t->cp[j + 1]) && t->cp[j + 1] != '0') {
		size_t b = i - 1;
		while (b > 0 && pii__is_digit(t->cp[b - 1]) && i - b < 4)
			b--;
		size_t r = j + 1;
		while (r < t->n && pii__is_digit(t->cp[r]) && r - j <= 4)
			r++;
		if (b >= 2 && t->cp[b - 1] == 0x5730 /* 地 */ && t->cp[b - 2] == 0x756A /* 番 */ &&
		    r - j - 1 >= 3 && r - j - 1 <= 4 && r < t->n && t->cp[r] == 0x53F7 /* 号 */) {
			r++;
			if (r < t->n && t->cp[r] == 0x5BA4 /* 室 */)
				r++;
			if (r >= t->n || !(pii__is_alnum(t->cp[r]) || pii__is_kanji(t->cp[r])))
				return r;
		}
	}
	/* 京町二丁目3-15 2F: the floor after the lot and a space, closing the
	 * address (twenty-eighth round (c)); 3-15 2名 is a count; after 番地
	 * or the house's 号 too (通町136番地 2階; blind batches 1184-1199) */
	if (i >= 2 &&
	    (pii__is_digit(t->cp[i - 1]) || t->cp[i - 1] == 0x53F7 /* 号 */ ||
	     (t->cp[i - 1] == 0x5730 /* 地 */ && t->cp[i - 2] == 0x756A /* 番 */)) &&
	    j + 2 < t->n && t->cp[j] == ' ' && pii__is_digit(t->cp[j + 1])) {
		size_t f = j + 1;
		while (f < t->n && pii__is_digit(t->cp[f]) && f - j <= 2)
			f++;
		size_t fm = f < t->n && (t->cp[f] == 'F' || t->cp[f] == 0x968E /* 階 */) ? 1 : 0;
		if (fm && f - j <= 3 &&
		    (f + 1 >= t->n || !(pii__is_alnum(t->cp[f + 1]) || pii__is_kanji(t->cp[f + 1]) ||
					t->cp[f + 1] == '-')))
			return f + 1;
	}
	if (j < t->n && t->cp[j] == ' ')
		j++;
	size_t s = j;
	int marked = 0, kana_inside = 0;
	/* …5番20号　TEL 025-…: a contact's label is no building, and its
	 * number no room (ninth round) */
	static const char *const contact_labels[] = {"TEL", "Tel", "tel", "FAX", "Fax", "fax",
						     "Mail", "mail", "E-mail", "Email", NULL};
	size_t cl = j < t->n && pii__is_alpha(t->cp[j]) ? pii__match_any(t, j, contact_labels) : 0;
	if (cl && (j + cl >= t->n || !(pii__is_alpha(t->cp[j + cl]) || pii__is_kata(t->cp[j + cl]) ||
				      pii__is_kanji(t->cp[j + cl]))))
		return i;
	if (j < t->n && pii__is_hira(t->cp[j]))
		j = kana_no_dwelling(t, s);
	while (j < t->n && j - s < ADDR_BUILDING_MAX &&
	       (pii__is_kata(t->cp[j]) || pii__is_kanji(t->cp[j]) || pii__is_alpha(t->cp[j]) ||
		/* 第2西九条ハイツ: an ordinal in the name */
		(pii__is_digit(t->cp[j]) && j > s && t->cp[j - 1] == 0x7B2C /* 第 */) ||
		/* レジデンス南7条, 北17条マンション: a grid street of Sapporo in
		 * the name (sixth round) */
		(pii__is_digit(t->cp[j]) && j > s && pii__is_kanji(t->cp[j - 1]) &&
		 grid_in_name(t, j)) ||
		(pii__is_digit(t->cp[j]) && j > s && pii__is_digit(t->cp[j - 1]) &&
		 grid_in_name(t, j)) ||
		(t->cp[j] == 0x6761 /* 条 */ && j > s && pii__is_digit(t->cp[j - 1])) ||
		(pii__is_hira(t->cp[j]) && !is_hira_stop(t->cp[j]) && !pii__is_particle(t->cp[j])) ||
		/* ケアハウスながさか201: a name in hiragana after katakana,
		 * right before the room's number */
		(pii__is_hira(t->cp[j]) && marked && hira_before_room(t, j)) ||
		/* ひまわり寮2号室, あおば荘: a name in hiragana right before the
		 * building's word, though its kana end like a particle
		 * (twenty-second round (b)) */
		(pii__is_hira(t->cp[j]) && hira_before_building(t, s, j)) ||
		(pii__is_hira(t->cp[j]) && hira_inside_name(t, s, j, &kana_inside)) ||
		(pii__is_hira(t->cp[j]) && s > i && hira_opening_kata(t, s, j)) ||
		(pii__is_hira(t->cp[j]) && kana_opening_dwelling(t, s, j)) ||
		/* リバーサイド本町Ⅱ: a Roman numeral numbers the building */
		(t->cp[j] >= 0x2160 && t->cp[j] <= 0x216F && j > s) ||
		/* ザ・長町レジデンス: a middle dot after katakana (seventh round) */
		(t->cp[j] == 0x30FB && j > s && pii__is_kata(t->cp[j - 1]) && j + 1 < t->n &&
		 (pii__is_kata(t->cp[j + 1]) || pii__is_kanji(t->cp[j + 1]))) ||
		/* 日の出マンション, サンライズ緑が丘 */
		((t->cp[j] == 0x306E || t->cp[j] == 0x304C) && j > s && pii__is_kanji(t->cp[j - 1]) &&
		 j + 1 < t->n && pii__is_kanji(t->cp[j + 1])))) {
		if (pii__is_kata(t->cp[j]) || pii__is_alpha(t->cp[j]))
			marked = 1;
		j++;
		/* the list's index: no suffix ends with this code point, or the
		 * lengths without decoding */
		const struct pii__kwlist *L = pii__kwlist_get(building_suffix);
		if (L && !pii__kw_has(L->last, t->cp[j - 1]))
			continue;
		for (size_t k = 0; building_suffix[k]; k++) {
			size_t kl = L && !L->plain ? L->len[k] : pii__kw_len(building_suffix[k]);
			if (j - s >= kl && pii__match(t, j - kl, building_suffix[k]))
				marked = 1;
		}
	}
	if (j > s && j + 2 < t->n && t->cp[j] == ' ' && !pii__raw_tab(t, j)) {
		size_t r = dwelling_room_after(t, j + 1);
		if (r)
			return r;
	}
	/* ハイツ上野B-103: the letter belongs to the room */
	if (j - s >= 2 && pii__is_upper(t->cp[j - 1]) && j < t->n && t->cp[j] == '-')
		j--;
	if (j == s || !marked)
		return i;
	/* 寮A棟: the building's wing is the end */
	if (j - s >= 2 && t->cp[j - 1] == 0x68DF /* 棟 */ && pii__is_upper(t->cp[j - 2])) {
		size_t r = j < t->n ? room_end(t, j) : 0;
		return r ? r : kana_inside ? i : j; /* みどり寮B棟207 */
	}
	if (j >= t->n)
		return dwelling_end(t, s, j) && (!kana_inside || kana_dwelling_word(t, s, j)) ? j : i;
	size_t e = room_end(t, j);
	/* ノースコート北12 807: a number of 1-2 digits in the name, a space and
	 * the room of 3-4 digits (sixth round) */
	if (e && e - j <= 2 && e + 1 < t->n && t->cp[e] == ' ' && pii__all_digits(t, j, e)) {
		size_t r = e + 1;
		while (r < t->n && pii__is_digit(t->cp[r]) && r - e <= 5)
			r++;
		/* メゾン北24 305号: the room may carry its word (twelfth
		 * round (b)) */
		size_t rw = r - e - 1 >= 3 && r - e - 1 <= 4 && r < t->n ? pii__match(t, r, "号室") : 0;
		if (!rw && r - e - 1 >= 3 && r - e - 1 <= 4 && r < t->n &&
		    (t->cp[r] == 0x53F7 /* 号 */ || t->cp[r] == 0x5BA4 /* 室 */))
			rw = 1;
		r += rw;
		if (r - e - 1 - rw >= 3 && r - e - 1 - rw <= 4 && !pii__raw_tab(t, e) &&
		    (r == t->n || !(pii__is_alnum(t->cp[r]) || pii__is_kanji(t->cp[r]) ||
				    pii__is_kata(t->cp[r]))))
			e = r;
	}
	/* グリーンハイツ福田 C棟 110号: a wing's letter, spaces around it */
	if (!e && j + 3 < t->n && t->cp[j] == ' ' && pii__is_upper(t->cp[j + 1]) &&
	    t->cp[j + 2] == 0x68DF /* 棟 */) {
		size_t w = j + 3;
		if (w < t->n && t->cp[w] == ' ')
			w++;
		size_t r = room_end(t, w);
		e = r ? r : j + 3;
	}
	/* レジデンス河原町 805号室, ハイツ黄檗 3号: one space before the room */
	if (!e && j + 1 < t->n && t->cp[j] == ' ')
		e = room_end(t, j + 1);
	if (!e && dwelling_end(t, s, j) && (!kana_inside || kana_dwelling_word(t, s, j)))
		return j;
	return e ? e : i;
}

/* Parses from the end of the anchor; returns the end of the address or 0. */
/* Kanji that end a word numbered by the digits after it, not a town. */
static int lot_stop(uint32_t c)
{
	static const uint32_t stop[] = {0x5EA6 /* 度 */, 0x753B /* 画 */, 0x53F7 /* 号 */,
					0x7B2C /* 第 */, 0x7B97 /* 算 */, 0x8A08 /* 計 */,
					0x7248 /* 版 */, 0x5E74 /* 年 */, 0x6708 /* 月 */,
					0x65E5 /* 日 */, 0x4EF6 /* 件 */, 0x756A /* 番 */,
					0x984D /* 額 */, 0x6570 /* 数 */, 0x7D04 /* 約 */,
					0x8A08 /* 計 */, 0x5024 /* 値 */, 0x7387 /* 率 */};
	for (size_t k = 0; k < YK_ARRAY_LEN(stop); k++)
		if (c == stop[k])
			return 1;
	return 0;
}

/* The digits [j, k) read as a year of this century or the last (1900-2099:
 * 総合計画2030, 市制施行1954), not a lot's number: a four-digit lot right
 * after a town's name opens with 1 or 2 as often as with any other digit
 * (館山市山本1342, 船形1874), a year there does so only in 19xx and 20xx
 * (batches 530-537). */
static int year_digits(const struct pii__text *t, size_t j, size_t k)
{
	return k - j == 4 && ((t->cp[j] == '1' && t->cp[j + 1] == '9') ||
			      (t->cp[j] == '2' && t->cp[j + 1] == '0'));
}

/* A particle right after a lot's number at k that goes on with the
 * sentence about the place (…2061です, …312へ移住, …1210の空き家, …1342に
 * 住む): へ, に, で, の, は, が, を, と, まで, から; not か alone (150か所)
 * nor a word in kana (12ヶ月). */
static int lot_particle_at(const struct pii__text *t, size_t k)
{
	if (k >= t->n)
		return 0;
	uint32_t c = t->cp[k];
	/* から too (旭市萬力2418から旭市鎌数…へ転居; blind batches
	 * 1200-1215) */
	return (pii__is_particle(c) && c != 0x3082 /* も */ && c != 0x3084 /* や */) ||
	       pii__match(t, k, "まで") != 0 || pii__match(t, k, "から") != 0;
}

/* A 字 (aza, a hamlet of a town) among the names read so far [i, j), not
 * as the first code point (字 alone is no place) and right before the
 * number or a name: 大字上野字下原, 妙法寺字ぬめり石. */
static int aza_before(const struct pii__text *t, size_t i, size_t j)
{
	for (size_t k = i + 1; k + 1 < j; k++)
		if (t->cp[k] == 0x5B57 /* 字 */ && pii__is_kanji(t->cp[k - 1]))
			return 1;
	return 0;
}

/* An office's or a document's code point in [a, b): the names before a
 * number are an office's (議会2025, 区役所2024), not a town's. */
static int office_name_in(const struct pii__text *t, size_t a, size_t b)
{
	static const uint32_t office[] = {0x4F1A /* 会 */, 0x6240 /* 所 */, 0x5C40 /* 局 */,
					  0x8AB2 /* 課 */, 0x90E8 /* 部 */, 0x5E81 /* 庁 */,
					  0x9928 /* 館 */, 0x6821 /* 校 */, 0x5834 /* 場 */,
					  0x5BA4 /* 室 */, 0x4FC2 /* 係 */, 0x6848 /* 案 */,
					  0x66F8 /* 書 */, 0x9662 /* 院 */, 0x7F72 /* 署 */};
	for (size_t k = a; k < b; k++)
		for (size_t w = 0; w < YK_ARRAY_LEN(office); w++)
			if (t->cp[k] == office[w])
				return 1;
	return 0;
}

/* Two municipality suffixes or more among the names read so far [i, j),
 * the town's own name of two code points at least after the last (熊本市
 * 北区植木町|岩野, 上益城郡益城町|惣領): a rural address that leaves out
 * 大字, whose lot number may have four digits opening with 1 or 2
 * (惣領1540, not a year there) and be followed by a bracket (岩野2841（全壊）;
 * ninth round). */
/* A label of the list (住所, 所在地, 居所) before the anchor ending at i,
 * with only the anchor's kanji, spaces or a colon between. */
static int address_label_before(const struct pii__text *t, size_t i, const char *const *labels)
{
	size_t q = i;
	while (q > 0 && i - q < 10 && pii__is_kanji(t->cp[q - 1]))
		q--;
	while (q > 0 && (t->cp[q - 1] == ' ' || t->cp[q - 1] == ':'))
		q--;
	/* a postal code between the label and the address (住所：〒7270311
	 * 比和谷町…; batches 258-265) */
	size_t d = q;
	while (d > 0 && (pii__is_digit(t->cp[d - 1]) || t->cp[d - 1] == '-') && q - d < 8)
		d--;
	if (d < q && d > 0 && t->cp[d - 1] == 0x3012 /* 〒 */) {
		q = d - 1;
		while (q > 0 && (t->cp[q - 1] == ' ' || t->cp[q - 1] == ':'))
			q--;
	}
	return pii__ends_with(t, q > 4 ? q - 4 : 0, q, labels) != 0;
}

static int municipality_chain(const struct pii__text *t, size_t i, size_t j)
{
	int n = 0, pref = 0;
	size_t last = i;
	/* i is the end of the anchor, whose own suffix counts (上益城郡|), a
	 * prefecture's 県, 都, 府 or 道 too (奈良県|宇陀野市大宇陀拾生1870, its
	 * town of five kanji; batches 218-225) */
	if (i > 0 && (t->cp[i - 1] == 0x770C || t->cp[i - 1] == 0x90FD || t->cp[i - 1] == 0x5E9C ||
		      t->cp[i - 1] == 0x9053))
		n++, pref = 1;
	for (size_t k = i ? i - 1 : 0; k < j; k++)
		if (is_suffix(t->cp[k]))
			n++, last = k;
	/* a town of one kanji (板倉区|針1034) only right after an address's
	 * label (最後の住所 上越市板倉区針1034; sixteenth round (b)) */
	static const char *const labels[] = {"住所", "所在地", "居所", NULL};
	int labelled = address_label_before(t, i, labels);
	/* one municipality after an address's label (住所：〒7270311
	 * 比和谷町本郷2033; batches 258-265) */
	if (n == 1 && labelled && last + 1 == i)
		n = 2;
	if (n < 2 || j - last < (labelled ? 2 : 3) ||
	    j - last > (pref ? 6 : 5))
		return 0;
	/* the town's name, not an office's (熊本市北区議会2024, …区役所2024) */
	for (size_t k = last + 1; k < j; k++)
		if (!pii__is_kanji(t->cp[k]))
			return 0;
	return !office_name_in(t, last + 1, j);
}

/* A 字 among the few code points before j, from i on (the body may open
 * with it: 汐浦町|字岩井戸へ22番地): j's kana closes a hamlet's name. */
static int hamlet_before(const struct pii__text *t, size_t i, size_t j)
{
	for (size_t k = j; k > i && j - k < 8; k--)
		if (t->cp[k - 1] == 0x5B57 /* 字 */)
			return 1;
	return 0;
}

/* Digits and 番地 at j (22番地): a lot as a hamlet numbers it. */
static int iroha_banchi_after(const struct pii__text *t, size_t j)
{
	size_t k = j;
	while (k < t->n && pii__is_digit(t->cp[k]) && k - j < 5)
		k++;
	return k > j && pii__match(t, k, "番地");
}

/* The kana at j names an iroha subdivision before a lot number: not a
 * particle (局番が06, 市民で16～), except へ, に and と right after 町 or
 * 村 (向本折町へ32-1) or after a hamlet's name with its lot in 番地
 * (汐浦町字岩井戸へ22番地: へ typed for the katakana ヘ it looks like; a
 * particle never stands between 字's name and a 番地; twenty-seventh
 * round); and the number after it is a lot's: digits and a hyphen, or
 * digits that end the word (ハ120 サンライズ…). aza: a 字 opens the
 * name before j. */
static int iroha_lot(const struct pii__text *t, size_t j, int aza)
{
	uint32_t c = t->cp[j], p = t->cp[j - 1];
	switch (c) {
	case 0x306F: case 0x304C: case 0x3092: case 0x3067: case 0x306E: case 0x3082:
	case 0x3084: case 0x304B: /* は が を で の も や か */
		return 0;
	case 0x3078: case 0x306B: case 0x3068: /* へ に と */
		if (p != 0x753A /* 町 */ && p != 0x6751 /* 村 */)
			return aza && iroha_banchi_after(t, j + 1);
		break;
	}
	if (aza && iroha_banchi_after(t, j + 1))
		return 1; /* 字中野ほ18番地 */
	size_t k = j + 1;
	while (k < t->n && pii__is_digit(t->cp[k]) && k - j <= 5)
		k++;
	if (k >= t->n)
		return 1;
	uint32_t u = t->cp[k];
	if (u == '-')
		return k + 1 < t->n && pii__is_digit(t->cp[k + 1]);
	/* 菅谷町ハ212でナビ, …ヌ55です: a katakana letter's lot goes on with
	 * the sentence after a particle (batches 730-743) */
	if (pii__is_kata(c) && lot_particle_at(t, k))
		return 1;
	return u == ' ' || u == ')' || u == 0x3001 || u == ',' || pii__is_boundary(u);
}

/* A phone's shape at q: 0, up to four more digits, a hyphen and a digit
 * (090-…, 0263-…); 05 基本方針 is a heading's number. */
static int phone_opens_at(const struct pii__text *t, size_t q)
{
	if (q >= t->n || t->cp[q] != '0')
		return 0;
	size_t d = q + 1;
	while (d < t->n && pii__is_digit(t->cp[d]) && d - q < 5)
		d++;
	return d + 1 < t->n && d - q >= 2 && t->cp[d] == '-' && pii__is_digit(t->cp[d + 1]);
}

/* The municipality ending at i opens a bracket right after a person's
 * honorific (西村 幸さん（高知市…, …様（…): the place is that person's. */
static int honorific_bracket_before(const struct pii__text *t, size_t i)
{
	size_t q = i;
	while (q > 0 && (pii__is_kanji(t->cp[q - 1]) || pii__is_hira(t->cp[q - 1])) && i - q < 10 &&
	       t->cp[q - 1] != 0x3093 /* ん */)
		q--;
	if (q < 2 || t->cp[q - 1] != '(')
		return 0;
	/* 祖母 笠原 トシ子宅（日野郷町黒坂2410）: the home of a person named
	 * before (batch 288) */
	return t->cp[q - 2] == 0x69D8 /* 様 */ || t->cp[q - 2] == 0x5B85 /* 宅 */ ||
	       (q >= 3 && pii__match(t, q - 3, "さん"));
}

/* Digits at q then 番 (番地): the lot after a block. */
static int block_lot_after(const struct pii__text *t, size_t q)
{
	size_t d = q;
	while (d < t->n && pii__is_digit(t->cp[d]) && d - q < 5)
		d++;
	return d > q && d < t->n && t->cp[d] == 0x756A /* 番 */;
}

/* 東, 西, 南 or 北. */
static int is_direction(uint32_t c)
{
	return c == 0x6771 || c == 0x897F || c == 0x5357 || c == 0x5317;
}

/* Digits from q and 番地 after them (…号12番地). */
static int lot_in_banchi_after(const struct pii__text *t, size_t q)
{
	size_t d = q;
	while (d < t->n && pii__is_digit(t->cp[d]) && d - q < 5)
		d++;
	return d > q && pii__match(t, d, "番地") == 2;
}

/* The number ending before k follows 第 and is a block's: 号 and a lot's
 * digit after it (第12号14番地), not a document's (第2026-0412号). */
static int numbered_block(const struct pii__text *t, size_t k)
{
	return k + 1 < t->n && t->cp[k] == 0x53F7 /* 号 */ && pii__is_digit(t->cp[k + 1]);
}

/* 甲, 乙 or 丙: the first letters of a rural lot's number (乙1187番地). */
static int kou_otsu(uint32_t c) { return c == 0x7532 || c == 0x4E59 || c == 0x4E19; }

/* A lot at q, 甲 乙 丙 allowed first: one to five digits, the first not 0,
 * then 番地, or 番 and a digit, or a hyphen and a digit. */
static int spaced_lot_at(const struct pii__text *t, size_t q)
{
	if (q < t->n && kou_otsu(t->cp[q]))
		q++;
	size_t d = q;
	while (d < t->n && pii__is_digit(t->cp[d]) && d - q < 6)
		d++;
	/* a phone's number opens with 0 (…介護高齢課 0279-22-2111) */
	if (d == q || d - q > 5 || d >= t->n || t->cp[q] == '0')
		return 0;
	if (pii__match(t, d, "番地"))
		return 1;
	/* nor a postal code's shape (斐川町直江 699-0502: a list of towns'
	 * codes, batch 103) */
	size_t z = d + 1;
	while (z < t->n && pii__is_digit(t->cp[z]) && z - d <= 5)
		z++;
	if (d - q == 3 && t->cp[d] == '-' && z - d == 5 && (z >= t->n || t->cp[z] != '-'))
		return 0;
	return d + 1 < t->n && (t->cp[d] == '-' || t->cp[d] == 0x756A /* 番 */) &&
	       pii__is_digit(t->cp[d + 1]);
}

/* A town's name whose kana end or hold what reads like a particle or a
 * verb's ending, between the municipality (i) and the kanji closing the
 * name, then its block: 木更津市ほたる野4丁目, 千葉市緑区おゆみ野中央1-2-3,
 * 桑名市陽だまりの丘三丁目, 南国市大そね甲1421-7 (session 26's read
 * files). The run of 2-5 hiragana at j opens with no particle (市では…,
 * 市にある…), holds none but は or が inside it (ちはら台) and の or が
 * glued to the kanji after it (陽だまりの丘, すみれが丘), and is followed by
 * 1-3 kanji that are no numeral, then a 丁目, a block and lot written with
 * a hyphen, a lot in 番地, or 甲/乙/丙 and a lot (a sentence after a place
 * goes on with a particle or a verb, not with a town's block). Returns
 * the end of the kana run, or 0. */
static size_t kana_town_at(const struct pii__text *t, size_t i, size_t j)
{
	if (j > i && !pii__is_kanji(t->cp[j - 1]))
		return 0;
	if (pii__is_particle(t->cp[j]))
		return 0;
	size_t k = j;
	while (k < t->n && pii__is_hira(t->cp[k]) && k - j < 6)
		k++;
	/* (the small ケ of a town's name may open the kanji: 南つつじケ丘) */
	size_t kk = k < t->n && (t->cp[k] == 0x30B1 /* ケ */ || t->cp[k] == 0x30F6 /* ヶ */) ? k + 1 : k;
	if (k - j < 2 || k - j > 5 || kk >= t->n || !pii__is_kanji(t->cp[kk]))
		return 0;
	/* inside the run は and が only (ちはら台, かがみ野; 市までの本町… is a
	 * phrase), and の or が last, glued to the kanji */
	for (size_t a = j + 1; a < k; a++)
		if (pii__is_particle(t->cp[a]) &&
		    !(a + 1 == k ? t->cp[a] == 0x306E /* の */ || t->cp[a] == 0x304C /* が */
				 : t->cp[a] == 0x306F /* は */ || t->cp[a] == 0x304C /* が */))
			return 0;
	size_t q = kk;
	while (q < t->n && pii__is_kanji(t->cp[q]) && !is_kanji_numeral(t->cp[q]) && q - kk < 4)
		q++;
	if (q - kk > 3 || q >= t->n)
		return 0;
	size_t d = q;
	if (kou_otsu(t->cp[q - 1]) && pii__is_digit(t->cp[q]))
		return k;
	int kd = pii__is_digit(t->cp[q]);
	while (d < t->n && d - q < 4 && (kd ? pii__is_digit(t->cp[d]) : is_kanji_numeral(t->cp[d])))
		d++;
	if (d == q)
		return 0;
	if (pii__match(t, d, "丁目") ||
	    (kd && (pii__match(t, d, "番地") ||
		    (d + 1 < t->n && t->cp[d] == '-' && pii__is_digit(t->cp[d + 1])))))
		return k;
	return 0;
}

static size_t parse_body(const struct pii__text *t, size_t i)
{
	size_t j = i, end = 0;
	int strong = 0, parts = 0, seen_number = 0, kyoto = 0, iroha = 0, grid = 0;
	size_t chiwari = 0; /* the end of a 地割 block, the hamlet's name may follow */
	uint32_t last_unit = 0;
	while (j < t->n && j - i < ADDR_BODY_MAX) {
		uint32_t c = t->cp[j];
		if (pii__is_digit(c) || is_kanji_numeral(c) || hundreds_at(t, j, 1)) {
			size_t k = j;
			int kanji;
			if (!read_number(t, &k, &kanji))
				break;
			/* 浜市第2026-0412号: a document's number after 第, not a
			 * town's block (岩手の第5地割 is one) */
			if (!seen_number && j > i && t->cp[j - 1] == 0x7B2C /* 第 */ &&
			    !pii__match(t, k, "地割") && !numbered_block(t, k))
				break;
			/* the code point after the number; the scanner's buffer
			 * beyond t->n holds the previous text's, never read it */
			uint32_t u = k < t->n ? t->cp[k] : 0;
			size_t m;
			/* 寺町通今出川上る二丁目鶴山町: in a Kyoto street the 丁目
			 * names a stretch of the street, the town follows */
			if (kyoto && !seen_number && kanji && (m = pii__match(t, k, "丁目"))) {
				j = k + m;
				continue;
			}
			/* 甲子町第10地割158-7: the 地割 of a rural town in 岩手 is a
			 * block as 丁目 is (seventeenth round (b)) */
			if ((m = pii__match(t, k, "丁目")) ||
			    /* 三瓶町朝立1番耕地625: the numbered 耕地 of a town
			     * in 愛媛 is a block as 丁目 is, the lot after it
			     * (batches 554-561) */
			    (!kanji && (m = pii__match(t, k, "番耕地")) && k + m < t->n &&
			     pii__is_digit(t->cp[k + m])) ||
			    (j > i && t->cp[j - 1] == 0x7B2C /* 第 */ && (m = pii__match(t, k, "地割")) &&
			     (chiwari = k + m) != 0) ||
			    /* 村崎野17地割178番地: the 地割 without 第, its lot
			     * right after it (batches 822-835) */
			    (!kanji && !seen_number && j > i && pii__is_kanji(t->cp[j - 1]) &&
			     (m = pii__match(t, k, "地割")) && k + m < t->n &&
			     pii__is_digit(t->cp[k + m]) && (chiwari = k + m) != 0) ||
			    ((m = pii__match(t, k, "丁")) && k + 1 < t->n && pii__is_digit(t->cp[k + 1])) ||
			    /* 河井町2部118番地: the 部 of a town in 能登 numbers its
			     * block as 丁目 does; a lot in 番 or 番地 must follow
			     * it (会館2部10時 is a show's part; twenty-eighth
			     * round (c)) */
			    (!kanji && !seen_number && (m = pii__match(t, k, "部")) && block_lot_after(t, k + 1))) {
				/* 中央二丁目 alone is a district, not yet someone's address */
				j = k + m, end = j, parts++, last_unit = 0x4E01;
			} else if (!kanji && !seen_number && j > i &&
				   (t->cp[j - 1] == 0x7B2C /* 第 */ ||
				    (pii__is_kanji(t->cp[j - 1]) && lot_in_banchi_after(t, k + 1))) &&
				   numbered_block(t, k)) {
				/* 下山田第12号14番地: a rural block numbered 第…号
				 * (福井), the lot after it (batches 218-225); without
				 * 第 when the lot is written in 番地 (佐田18号12番地;
				 * batches 266-273) */
				j = k + 1, parts++, last_unit = '-';
			} else if (!kanji && !seen_number && (m = pii__match(t, k, "組")) && k + 1 < t->n &&
				   (pii__is_digit(t->cp[k + 1]) ||
				    (k + 2 < t->n && t->cp[k + 1] == 0x306E /* の */ &&
				     pii__is_digit(t->cp[k + 2]))) &&
				   j > i && pii__is_kanji(t->cp[j - 1])) {
				/* 鉄輪上1組8: the 組 of a town (別府) numbers its block
				 * as 丁目 does, the lot after it (batches 218-225),
				 * or after の (御幸6組の3; batches 806-821) */
				j = k + m, parts++, last_unit = 0x4E01;
				if (t->cp[j] == 0x306E /* の */)
					j++;
			} else if (!kanji && !seen_number && (m = pii__match(t, k, "街区")) && k + m < t->n &&
				   pii__is_digit(t->cp[k + m])) {
				/* 早鈴町12街区7号: a block of the residence
				 * indication numbered as 街区, the house's 号 after
				 * it, as 丁目 and 番 are (twenty-second round (b));
				 * 12街区 alone names no house */
				j = k + m, parts++, last_unit = 0x756A;
			} else if ((m = pii__match(t, k, "番地"))) {
				j = k + m, end = j, strong = 1, parts++, last_unit = 0x5730;
				if (j + 1 < t->n && t->cp[j] == 0x306E /* の */ &&
				    (pii__is_digit(t->cp[j + 1]) || is_kanji_numeral(t->cp[j + 1]))) {
					j++;
					/* 十二番地の五: a kanji numeral ends it */
					size_t q = j;
					int kq;
					if (is_kanji_numeral(t->cp[q]) && read_number(t, &q, &kq)) {
						end = j = q;
						break;
					}
				} else if (j < t->n && is_kanji_numeral(t->cp[j])) {
					/* 二九六八番地十四, 一〇八六番地三: the lot's
					 * branch in kanji numerals right after 番地,
					 * then a space or a clause's or line's end
					 * (blind batches 1200-1215) */
					size_t q = j;
					int kq;
					if (read_number(t, &q, &kq) &&
					    (q >= t->n || t->cp[q] == ' ' || t->cp[q] == 0x3001 ||
					     t->cp[q] == ')' || pii__is_boundary(t->cp[q]))) {
						end = j = q;
						break;
					}
				}
			} else if (!kanji && !seen_number && u == 0x756A /* 番 */ && k + 2 < t->n &&
				   t->cp[k + 1] == 0x753A /* 町 */ && pii__is_digit(t->cp[k + 2]) &&
				   j > i && !pii__is_digit(t->cp[j - 1])) {
				/* 桔梗が丘1番町3街区12号, 百合が丘西5番町88: a
				 * numbered 番町 is part of the town's name, its
				 * block or lot after it (session 26's read files) */
				j = k + 2;
				continue;
			} else if (u == 0x756A /* 番 */ && (!kanji || seen_number)) {
				/* 四丁目二十番: a block after 丁目 is an address already */
				if (last_unit == 0x4E01 && (k + 1 >= t->n || !pii__is_digit(t->cp[k + 1])))
					strong = 1;
				j = k + 1, end = j, parts++, last_unit = 0x756A;
				/* 23番の1 */
				if (j + 1 < t->n && t->cp[j] == 0x306E /* の */ && pii__is_digit(t->cp[j + 1]))
					j++;
			} else if (u == 0x53F7 /* 号 */ && seen_number) {
				j = k + 1, end = j, parts++, last_unit = 0x53F7;
				/* 2-3-405号室: the room's 室 */
				if (j < t->n && t->cp[j] == 0x5BA4 /* 室 */)
					end = ++j;
				if (parts >= 2)
					strong = 1;
				break;
			} else if (u == 0x6761 /* 条 */ && !seen_number) {
				j = k + 1; /* 北99条西: part of the town name */
				continue;
			} else if (!kanji && !seen_number && u == 0x7DDA /* 線 */ && k + 2 < t->n &&
				   (pii__is_digit(t->cp[k + 1]) ||
				    (is_direction(t->cp[k + 1]) && pii__is_digit(t->cp[k + 2])))) {
				/* 東鷹栖3線18号2143: a grid of Hokkaido's
				 * farmland, 線 and 号 its two roads, then the
				 * lot (twentieth round (b)); the side of the 線
				 * may come before the lot (清川東3線西18番地) */
				j = k + 1, grid = 1;
				continue;
			} else if (!kanji && !seen_number && grid && u == 0x53F7 /* 号 */ &&
				   k + 1 < t->n && pii__is_digit(t->cp[k + 1])) {
				j = k + 1, parts++, last_unit = '-';
			} else if (!kanji && k + 1 < t->n && u == '-' && pii__is_digit(t->cp[k + 1])) {
				j = k + 1, parts++, last_unit = '-';
			} else if (!kanji && seen_number) {
				/* the last number of 4-12-8, 番地の4, 14番3 */
				j = k, end = j, parts++;
				if (last_unit == '-' || last_unit == 0x756A || last_unit == 0x5730 ||
				    last_unit == 0x4E01)
					strong = 1;
				break;
			} else if (!kanji && !seen_number && k - j <= 4 && j > i &&
				   (t->cp[j - 1] == 0x753A /* 町 */ || t->cp[j - 1] == 0x6751 /* 村 */) &&
				   (k >= t->n || u == ' ' || u == 0x3001 || u == ')' || u == ',' ||
				    pii__is_boundary(u) || (kyoto && u == 0x306E /* の */) ||
				    pii__match(t, k, "在住"))) {
				/* 大原口町123, 下鴨松原町12 ヴィラ下鴨105: a lot number
				 * right after the town, as Kyoto and many villages write it */
				j = end = k, strong = 1;
				break;
			} else if (!kanji && !seen_number && k - j >= 2 && k - j <= 4 && j >= i + 2 &&
				   t->cp[j] != '0' && pii__is_kanji(t->cp[j - 1]) &&
				   (pii__is_kanji(t->cp[j - 2]) ||
				    /* 梅ケ畑20, 桜ヶ丘12: the small ケ of a town's name */
				    t->cp[j - 2] == 0x30B1 /* ケ */ || t->cp[j - 2] == 0x30F6 /* ヶ */) &&
				   !lot_stop(t->cp[j - 1]) &&
				   (!(k - j == 4 && (t->cp[j] == '1' || t->cp[j] == '2')) ||
				    /* a town of two code points at least (板倉区針1034
				     * keeps its label: sixteenth round (b)) */
				    (!year_digits(t, j, k) && !is_suffix(t->cp[j - 2])) ||
				    municipality_chain(t, i, j) ||
				    /* 北条辻1402　089-…: a phone right after it, as a
				     * form's line writes name, address and phone
				     * (tenth round (a)); a year has no phone after it */
				    (k + 2 < t->n && u == ' ' && t->cp[k + 1] == '0' &&
				     pii__is_digit(t->cp[k + 2]) && !office_name_in(t, i, j)) ||
				    /* 松本市梓川倭2410⏎090-…: the phone opening the
				     * next line, as a signature writes name, address
				     * and phone a line each; 西村 幸さん（高知市種崎
				     * 1142）: the bracket after a person's honorific
				     * closing on the lot (twenty-eighth round (c)) */
				    (u == '\n' && phone_opens_at(t, k + 1) && !office_name_in(t, i, j)) ||
				    (u == ')' && honorific_bracket_before(t, i)) ||
				    (pii__match(t, k, "在住") && !office_name_in(t, i, j))) &&
				   (k >= t->n || u == ' ' || u == 0x3001 || u == ')' || u == ',' ||
				    pii__is_boundary(u) || (u == '(' && municipality_chain(t, i, j)) ||
				    /* 田村 正信／土佐清水市中浜516／0880-…: a record's
				     * cells between slashes or bars (batches 714-729) */
				    u == '/' || u == '|' ||
				    /* 府中町員外14在住: the lot where a person lives
				     * (tenth round (a)) */
				    pii__match(t, k, "在住") ||
				    /* 住所は鴨川市太海2061です, 鴨川市太尾312へ移住: a
				     * particle after the lot goes on with the sentence
				     * about the place (batches 530-537) */
				    lot_particle_at(t, k))) {
				/* 北区上賀茂本山339: a lot number of 2-4 digits right
				 * after a town of kanji, not a year (2025) nor a
				 * number of a plan or document (計画2, 第3) */
				j = end = k, strong = 1;
				/* 北鶴巻53の2: the lot's branch after の */
				if (k + 1 < t->n && u == 0x306E /* の */ && pii__is_digit(t->cp[k + 1])) {
					j = k + 1;
					while (j < t->n && pii__is_digit(t->cp[j]) && j - k <= 4)
						j++;
					end = j;
				}
				break;
			} else if (!kanji && !seen_number && k - j <= 5 && j > i &&
				   (aza_before(t, i, j) || iroha) &&
				   (k >= t->n || !(pii__is_alnum(u) || pii__is_kanji(u) ||
						   pii__is_kata(u)))) {
				/* 大字上野字下原123, 妙法寺字ぬめり石1080: the lot number
				 * after a 字 (a hamlet's name), whatever ends it */
				j = end = k, strong = 1;
				break;
			} else if (!kanji && !seen_number && k - j <= 3 && u == 0x5B57 /* 字 */ &&
				   k + 1 < t->n && pii__is_digit(t->cp[k + 1]) &&
				   (aza_before(t, i, j) || lot_in_banchi_after(t, k + 1))) {
				/* 字鵜川21字16番地, 宝立町鵜飼20字12番地: a hamlet's
				 * numbered part after it, 字 and the lot (in 番地 when
				 * no 字 came before), as 能登's towns write them
				 * (batches 806-821) */
				j = k + 1, parts++, last_unit = '-';
			} else if (kanji && !seen_number) {
				j = k; /* 四谷, 八幡: a kanji numeral in a town name */
				continue;
			} else {
				break;
			}
			seen_number = 1;
			continue;
		}
		/* 対州市峰町佐賀 505番地, 厳原町田渕 812-4, 美津島町鶏知
		 * 乙1187番地: a space, or 甲 乙 丙 of a rural lot, between the
		 * town's name and a lot written in 番地 or with a hyphen
		 * (batches 318-319) */
		if (!seen_number && j > i + 1 && (c == ' ' || kou_otsu(c)) &&
		    ((pii__is_kanji(t->cp[j - 1]) && !lot_stop(t->cp[j - 1])) ||
		     (c != ' ' && t->cp[j - 1] == ' ')) &&
		    spaced_lot_at(t, c == ' ' ? j + 1 : j) && !office_name_in(t, i, j)) {
			j++;
			continue;
		}
		/* 南郷通13丁目北4-17: Sapporo's blocks after 丁目 open with a
		 * direction (sixth round) */
		if (seen_number && last_unit == 0x4E01 && j + 1 < t->n &&
		    pii__is_digit(t->cp[j + 1]) &&
		    (c == 0x6771 /* 東 */ || c == 0x897F /* 西 */ || c == 0x5357 /* 南 */ ||
		     c == 0x5317 /* 北 */ ||
		     /* 旭川市3条通16丁目右10号: Asahikawa's side of the
		      * street (twentieth round (b)) */
		     c == 0x53F3 /* 右 */ || c == 0x5DE6 /* 左 */ ||
		     /* 山中温泉本町2丁目ナ17, 鶴来本町4丁目ヌ55: an iroha
		      * letter of the block, as 加賀's and 白山's towns write
		      * their lots (batches 730-743) */
		     (pii__is_kata(c) && c != 0x30FC /* ー */ && t->cp[j - 1] == 0x76EE /* 目 */ &&
		      iroha_lot(t, j, 0)))) {
			j++;
			continue;
		}
		/* 第5地割字中里9番地14: a hamlet's name (字 and kanji) between
		 * the 地割 and the lot */
		if (seen_number && !(chiwari && pii__is_kanji(c) && j - chiwari < 6))
			break;
		/* Kyoto: 烏丸通御池上る, 四条通烏丸東入る, 河原町通三条下ル */
		if ((c == 0x308B /* る */ || c == 0x30EB /* ル */) && j > i &&
		    (t->cp[j - 1] == 0x4E0A /* 上 */ || t->cp[j - 1] == 0x4E0B /* 下 */ ||
		     t->cp[j - 1] == 0x5165 /* 入 */)) {
			j++;
			kyoto = 1;
			continue;
		}
		if (c == 0x5165 /* 入 */ && j > i &&
		    (t->cp[j - 1] == 0x6771 /* 東 */ || t->cp[j - 1] == 0x897F /* 西 */))
			kyoto = 1;
		/* 向本折町へ32-1, 園町ハ120, 八街ほ244-16: one kana of the iroha
		 * after a kanji town names a subdivision, and the lot number
		 * follows it (thirteenth round (b)) */
		if ((pii__is_hira(c) || pii__is_kata(c)) && j > i && pii__is_kanji(t->cp[j - 1]) &&
		    j + 1 < t->n && pii__is_digit(t->cp[j + 1]) && c != 0x30FC /* ー */ &&
		    iroha_lot(t, j, hamlet_before(t, i, j))) {
			j++;
			iroha = 1;
			continue;
		}
		/* 穴水町字川島ヨ-45-2: a katakana letter after a hamlet's name
		 * (字), a hyphen, then the lot and its branch (session 26's
		 * read files); the 字 and the second hyphen say it is a lot */
		if (pii__is_kata(c) && c != 0x30FC && j > i && pii__is_kanji(t->cp[j - 1]) &&
		    j + 2 < t->n && t->cp[j + 1] == '-' && pii__is_digit(t->cp[j + 2]) &&
		    hamlet_before(t, i, j)) {
			size_t k = j + 2;
			while (k < t->n && pii__is_digit(t->cp[k]) && k - j < 7)
				k++;
			if (k + 1 < t->n && t->cp[k] == '-' && pii__is_digit(t->cp[k + 1])) {
				j += 2;
				iroha = 1;
				continue;
			}
		}
		/* 宝浦町ト部66, 上戸町北方イ部51: the iroha's kana and 部, as 能登's
		 * towns name their parts, then the lot (batches 202-209); in
		 * hiragana too (能登島向田町ろ部55, session 26's read files),
		 * no particle (町は部16…) */
		if (((pii__is_kata(c) && c != 0x30FC) || (pii__is_hira(c) && !pii__is_particle(c))) &&
		    j > i && pii__is_kanji(t->cp[j - 1]) &&
		    j + 2 < t->n && t->cp[j + 1] == 0x90E8 /* 部 */ && pii__is_digit(t->cp[j + 2])) {
			j += 2;
			iroha = 1;
			continue;
		}
		/* 中央通り4丁目: the り of 通り, a street's name */
		if (c == 0x308A /* り */ && j > i && t->cp[j - 1] == 0x901A /* 通 */) {
			j++;
			continue;
		}
		/* 金沢市もりの里1丁目, 石巻市のぞみ野3丁目: a town named in kana
		 * and one or two kanji right after the municipality, then its
		 * 丁目 (twenty-eighth round (c)); the kana may hold の, never
		 * end like a particle (金沢市では本町2丁目) */
		if (pii__is_hira(c) && j == i && !seen_number) {
			size_t k = j, q;
			while (k < t->n && pii__is_hira(t->cp[k]) && k - j < 5)
				k++;
			for (q = k; q < t->n && pii__is_kanji(t->cp[q]) && !is_kanji_numeral(t->cp[q]) &&
				    q - k < 3;)
				q++;
			size_t d = q;
			while (d < t->n && (pii__is_digit(t->cp[d]) || is_kanji_numeral(t->cp[d])) &&
			       d - q < 3)
				d++;
			/* its 丁目 in digits or kanji (けやき台三丁目5番), or a
			 * block and a lot in digits (けやき台3-5; batches
			 * 242-249) */
			/* or a lot in 番地 (あけぼの東町14番地8; batches
			 * 530-537) */
			/* or katakana and kanji of a reclaimed district after
			 * the kana (りんくう往来南5番地の12, りんくうポート南1番地の3;
			 * batches 806-821): up to five, the lot in 番地 */
			int reclaimed = 0;
			if (k - j >= 3) {
				size_t w = k;
				while (w < t->n && w - k < 6 &&
				       ((pii__is_kanji(t->cp[w]) && !is_kanji_numeral(t->cp[w])) ||
					pii__is_kata(t->cp[w])))
					w++;
				size_t dw = w;
				while (dw < t->n && pii__is_digit(t->cp[dw]) && dw - w < 3)
					dw++;
				if (w - k >= 3 && dw > w && pii__match(t, dw, "番地") &&
				    pii__is_kanji(t->cp[w - 1]))
					q = w, d = dw, reclaimed = 1;
			}
			int block = d > q && (pii__match(t, d, "丁目") ||
					      (pii__is_digit(t->cp[q]) && d + 1 < t->n &&
					       t->cp[d] == '-' && pii__is_digit(t->cp[d + 1])) ||
					      (pii__is_digit(t->cp[q]) && pii__match(t, d, "番地")));
			if (k - j >= 2 && !is_hira_stop(t->cp[k - 1]) && q > k && (q - k <= 2 || reclaimed) &&
			    block) {
				j = k;
				continue;
			}
		}
		if (pii__is_hira(c) && !seen_number) {
			size_t k = kana_town_at(t, i, j);
			if (k) {
				j = k;
				continue;
			}
		}
		if (pii__is_hira(c) && c != 0x306E /* の */) {
			/* さいたま市, つつじが丘: a kana run without particles, or one
			 * that ends in a municipality suffix */
			size_t k = j;
			int stop = 0;
			while (k < t->n && pii__is_hira(t->cp[k]) && k - j < ADDR_NAME_MAX)
				stop |= is_hira_stop(t->cp[k]) || t->cp[k] == 0x306E, k++;
			if (k < t->n && (is_suffix(t->cp[k]) || (!stop && pii__is_kanji(t->cp[k])))) {
				j = k;
				continue;
			}
			/* 沖縄県美ら浜市: one kana between kanji inside a
			 * municipality's name, its suffix a kanji or two on */
			if (k == j + 1 && j > i && k + 1 < t->n && !pii__is_particle(c) &&
			    pii__is_kanji(t->cp[j - 1]) &&
			    pii__is_kanji(t->cp[k]) &&
			    (is_suffix(t->cp[k + 1]) || (k + 2 < t->n && pii__is_kanji(t->cp[k + 1]) &&
							   is_suffix(t->cp[k + 2])))) {
				j = k;
				continue;
			}
			/* 一宮しなね2丁目: a town's name in kana after kanji,
			 * right before its 丁目 (tenth round (a)); the kana may
			 * end like a particle there, the 丁目 says it does not */
			/* (盛岡市みたけ三丁目: the 丁目 in kanji numerals too) */
			if (k < t->n && j > i && pii__is_kanji(t->cp[j - 1]) && k - j >= 2 &&
			    (pii__is_digit(t->cp[k]) || is_kanji_numeral(t->cp[k]))) {
				size_t q = k;
				int kd = pii__is_digit(t->cp[k]);
				while (q < t->n && q - k < 3 &&
				       (kd ? pii__is_digit(t->cp[q]) : is_kanji_numeral(t->cp[q])))
					q++;
				if (pii__match(t, q, "丁目")) {
					j = k;
					continue;
				}
			}
			break;
		}
		if (pii__is_kanji(c) || pii__is_kata(c) ||
		    (c == 0x306E && j + 1 < t->n && pii__is_kanji(t->cp[j + 1]) && j > i &&
		     pii__is_kanji(t->cp[j - 1]))) {
			j++;
			continue;
		}
		break;
	}
	/* 芝園町3番 2-5-614, …3番 UR芝園団地 2街区 5号棟 1108号: a block
	 * written 番 alone is an address when the estate's building and room
	 * follow it after a space (twentieth round (b)) */
	if (!strong && end && parts == 1 && last_unit == 0x756A /* 番 */ && end < t->n &&
	    t->cp[end] == ' ') {
		size_t b = building_end(t, end);
		return b > end ? b : 0;
	}
	/* 日置荘西町3丁目 市営住宅12棟405号: a district written to its 丁目
	 * alone is an address when a building and its numbered room follow
	 * it after a space (twenty-fifth round (d)); the district alone
	 * (中央二丁目) stays a place */
	if (!strong && end && parts == 1 && last_unit == 0x4E01 /* 丁 */ && end + 1 < t->n &&
	    t->cp[end] == ' ' && !pii__is_digit(t->cp[end + 1])) {
		size_t b = building_end(t, end);
		return b > end + 2 && (pii__is_digit(t->cp[b - 1]) || t->cp[b - 1] == 0x53F7 /* 号 */ ||
				       t->cp[b - 1] == 0x5BA4 /* 室 */)
			       ? b
			       : 0;
	}
	/* 本籍 所沢市東町5番: a family register's domicile is written to its
	 * 番 (or 番地) alone, so after the label 本籍 one 番 is an address
	 * (twenty-eighth round (c)); elsewhere 東町5番 may be a bus stop's or
	 * a platform's number */
	static const char *const domicile[] = {"本籍", "本籍地", NULL};
	if (!strong && end && parts == 1 && last_unit == 0x756A /* 番 */ &&
	    address_label_before(t, i, domicile))
		return end;
	/* 住所は…沼田市上原町1822番です: after a home's address label, a lot
	 * of three digits or more written to its 番 alone is the parcel the
	 * home stands on, as rural addresses are written (a parcel named as
	 * land, 字…398番, stays a place); a stop's or a platform's number
	 * (東町5番) has one or two (session 18) */
	static const char *const home_labels[] = {"住所", "住所は", "住所:", "現住所", "新住所", NULL};
	if (!strong && end && parts == 1 && last_unit == 0x756A /* 番 */ && end >= 4 &&
	    (end >= t->n || !pii__is_digit(t->cp[end])) && address_label_before(t, i, home_labels)) {
		size_t d = end - 1;
		while (d > i && pii__is_digit(t->cp[d - 1]) && end - 1 - d < 6)
			d--;
		if (end - 1 - d >= 3 && (d == i || !pii__is_digit(t->cp[d - 1])))
			return end;
	}
	/* 娘の小松 あゆみさん（鶴岡市本町二丁目在住）: a district written to
	 * its 丁目 then 在住, closing a bracket right after a person's
	 * honorific, is where that relative lives, as writers label a town
	 * there (batch 418); 中央二丁目在住の方 in a sentence stays a place */
	if (!strong && end && parts == 1 && last_unit == 0x4E01 /* 丁 */ && end + 2 < t->n &&
	    pii__match(t, end, "在住") && t->cp[end + 2] == ')' && honorific_bracket_before(t, i))
		return end;
	if (!strong || !end)
		return 0;
	return building_end(t, end);
}

size_t pii__address_body(const struct pii__text *t, size_t i) { return parse_body(t, i); }

/* Labels after which an address may start without a municipality
 * (住所：緑が丘4-12-8, 現住所 中央3丁目5番12号): the city is implied. */
static const char *const address_labels[] = {
	"現住所", "新住所", "旧住所", "前住所", "住所地", "住所", "居所", "転居先", "送付先", "居住地",
	"住居地", "お住まい", "お住い",
	/* where a person stays or moves (eighth round) */
	"滞在先", "避難先", "転出先", "転入先", "宿泊先",
	/* ninth round: 住まい without お, a registered address, a house's
	 * location (an office's 所在地 is dropped by pii_context.c unless a
	 * house stands before it: 被災住家の所在地) */
	"住まい", "住民登録地", "所在地",
	/* a public housing tenant's dwelling (住戸：…1-4-501; twenty-sixth
	 * round (d)), with its separator only: glued, 住戸 opens a compound
	 * (住戸番号, 住戸内) */
	"住戸",
	/* where a parcel or a delivery goes (郵送先は…, お届け先：…):
	 * siblings of 送付先 */
	"郵送先", "お届け先", "配達先", "配送先",
	/* in Chinese (thirteenth round (b)); 地址 only as a lead word, 地
	 * being no cue of the walk */
	"住址", NULL,
};

/* After an address label and its separator (':', a space, は, が), the
 * start of the address, or (size_t)-1. */
static size_t after_label(const struct pii__text *t, size_t i)
{
	size_t m = pii__match_any(t, i, address_labels); /* the first of the list */
	if (!m)
		return (size_t)-1;
	size_t j = i + m;
	if (j < t->n && (t->cp[j] == ':' || t->cp[j] == ' ' || t->cp[j] == 0x306F /* は */ ||
			 t->cp[j] == 0x304C /* が */))
		j++;
	/* 転居先（高井田本通2-3-11 ハイツ高井田302）の…: the value in
	 * brackets right after the label, a sentence going on around it
	 * (batches 402-405) */
	else if (j + 1 < t->n && t->cp[j] == '(' && pii__is_kanji(t->cp[j + 1]))
		j++;
	else if (pii__match(t, j, "欄"))
		j++;
	else if (pii__match(t, i, "住戸"))
		return (size_t)-1; /* 住戸番号…, 住戸内…: glued, a compound */
	while (j < t->n && t->cp[j] == ' ')
		j++;
	/* a kana town name has no particle in it (住所はいずれも… is a
	 * sentence; さいたま市 anchors at its 市 instead) */
	for (size_t k = j; k < t->n && pii__is_hira(t->cp[k]); k++)
		if (is_hira_stop(t->cp[k]) || pii__is_particle(t->cp[k]))
			return (size_t)-1;
	if (j < t->n && (pii__is_kanji(t->cp[j]) || pii__is_kata(t->cp[j]) || pii__is_hira(t->cp[j])))
		return j;
	/* 住所：3丁目12番5号: the town left out too, the label says whose
	 * block it is; a 丁目 right after the number (3丁目 alone stays a
	 * district: parse_body() wants a block after it) */
	size_t k = j;
	while (k < t->n && k - j < 3 && pii__is_digit(t->cp[k]))
		k++;
	return k > j && pii__match(t, k, "丁目") ? j : (size_t)-1;
}

/* After an address label, a town of Hokkaido's grid written to its block
 * alone: …花川南3条2丁目, …北12条西4丁目. The grid's N条M丁目 names one
 * street block of a few dozen houses, where a town's 丁目 (宇宿三丁目)
 * names a district and stays a place without its lot (twenty-seventh
 * round (g)). The end of the 丁目 at the end of the label's value, or 0. */
static size_t grid_block_end(const struct pii__text *t, size_t s)
{
	size_t j = s;
	while (j < t->n && j - s < ADDR_BODY_MAX && (pii__is_kanji(t->cp[j]) || pii__is_kata(t->cp[j])))
		j++;
	size_t k = j;
	while (k < t->n && pii__is_digit(t->cp[k]) && k - j < 2)
		k++;
	if (k == j || j == s || k >= t->n || t->cp[k] != 0x6761 /* 条 */)
		return 0;
	k++;
	/* 北12条西4丁目: the side of the grid before the 丁目 */
	if (k < t->n && (t->cp[k] == 0x6771 /* 東 */ || t->cp[k] == 0x897F /* 西 */ ||
			 t->cp[k] == 0x5357 /* 南 */ || t->cp[k] == 0x5317 /* 北 */))
		k++;
	size_t d = k;
	while (k < t->n && pii__is_digit(t->cp[k]) && k - d < 2)
		k++;
	size_t m = k > d ? pii__match(t, k, "丁目") : 0;
	if (!m)
		return 0;
	k += m;
	if (k < t->n && !(pii__is_boundary(t->cp[k]) || t->cp[k] == ' ' || t->cp[k] == ')' ||
			  t->cp[k] == 0x3001 /* 、 */ || t->cp[k] == ','))
		return 0;
	return k;
}

/* A town name with its block, no municipality before it: 中央3丁目5番12号.
 * Anchored at 丁目 (which only addresses have) with a number after it, so
 * a bare district (中央二丁目) stays a place. Returns the start of the town
 * name ending before the number at i, or (size_t)-1. */
static size_t town_start(const struct pii__text *t, size_t i)
{
	size_t k = i;
	while (k > 0 && (pii__is_digit(t->cp[k - 1]) || is_kanji_numeral(t->cp[k - 1])) && i - k < 4)
		k--;
	if (k == i)
		return (size_t)-1;
	size_t s = k;
	while (s > 0 && k - s < 6 && (pii__is_kanji(t->cp[s - 1]) || pii__is_kata(t->cp[s - 1])) &&
	       !is_kanji_numeral(t->cp[s - 1]))
		s--;
	/* two characters at least: ○○町一丁目1番1号 explains the notation;
	 * one after an address's label and は, が or a colon (本籍は湊3丁目9番地;
	 * batch 353) */
	if (s > 0 && (pii__is_kanji(t->cp[s - 1]) || pii__is_kata(t->cp[s - 1])))
		return (size_t)-1;
	if (k - s == 1 && s >= 3 &&
	    (t->cp[s - 1] == 0x306F /* は */ || t->cp[s - 1] == 0x304C /* が */ ||
	     t->cp[s - 1] == ':') &&
	    pii__ends_with(t, s > 5 ? s - 5 : 0, s - 1, lead_words))
		return s;
	/* 東栄3条1丁目6-9, 北12条西4丁目5-3: a town of Hokkaido's grid, its
	 * 条 and the street's number between the town's name and the 丁目;
	 * the name of two code points at least standing alone, and the lot
	 * that parse_body() wants after the 丁目 makes it a house (the block
	 * alone, 東栄3条1丁目, stays a place) */
	if (t->cp[s] == 0x6761 /* 条 */ && s > 0 && pii__is_digit(t->cp[s - 1])) {
		size_t d = s - 1;
		while (d > 0 && s - d < 2 && pii__is_digit(t->cp[d - 1]))
			d--;
		size_t g = d;
		while (g > 0 && d - g < 6 && (pii__is_kanji(t->cp[g - 1]) || pii__is_kata(t->cp[g - 1])) &&
		       !is_kanji_numeral(t->cp[g - 1]))
			g--;
		/* (北12条西4丁目: one code point, a side of the grid, names a
		 * Sapporo street) */
		int side = d - g == 1 && (t->cp[g] == 0x6771 /* 東 */ || t->cp[g] == 0x897F /* 西 */ ||
					  t->cp[g] == 0x5357 /* 南 */ || t->cp[g] == 0x5317 /* 北 */);
		if ((d - g < 2 && !side) || (g > 0 && (pii__is_kanji(t->cp[g - 1]) || pii__is_kata(t->cp[g - 1]) ||
					    pii__is_digit(t->cp[g - 1]))))
			return (size_t)-1;
		return g;
	}
	if (k - s < 2)
		return (size_t)-1;
	return s;
}

/* A Kyoto street address without its ward (堀川通五条下る柿本町590番地):
 * 1-4 kanji, 通, and 上る/下る/入る (or ル) within ADDR_KYOTO code points:
 * the start of the street name before the 通 at i, or (size_t)-1. */
#define ADDR_KYOTO 10
static size_t kyoto_street_start(const struct pii__text *t, size_t i)
{
	size_t s = i;
	while (s > 0 && pii__is_kanji(t->cp[s - 1]) && i - s <= 4)
		s--;
	if (s == i || i - s > 4)
		return (size_t)-1;
	for (size_t j = i + 2; j < t->n && j <= i + ADDR_KYOTO; j++) {
		if (!pii__is_kanji(t->cp[j]) && t->cp[j] != 0x308B && t->cp[j] != 0x30EB)
			break;
		if ((t->cp[j] == 0x308B || t->cp[j] == 0x30EB) &&
		    (t->cp[j - 1] == 0x4E0A || t->cp[j - 1] == 0x4E0B || t->cp[j - 1] == 0x5165))
			return s;
	}
	return (size_t)-1;
}

/* A written placeholder (〇〇町〇丁目〇番〇号, 中央区〇〇町1-1 on a sample
 * or in an instruction): two circles in a row, or circles for every
 * number. */
static int placeholder_in(const struct pii__text *t, size_t s, size_t e)
{
	size_t circles = 0, digits = 0;
	for (size_t k = s; k < e; k++) {
		uint32_t ch = t->cp[k];
		int circle = ch == 0x3007 /* 〇 */ || ch == 0x25CB /* ○ */ || ch == 0x25EF /* ◯ */;
		if (circle && k + 1 < e &&
		    (t->cp[k + 1] == 0x3007 || t->cp[k + 1] == 0x25CB || t->cp[k + 1] == 0x25EF))
			return 1;
		circles += circle;
		digits += pii__is_digit(ch);
	}
	return circles >= 2 && !digits;
}

/* …年金課年金担当電話06-6489-6428: a phone's label inside the span makes
 * it a section's name and its number, not an address. */
static int phone_label_in(const struct pii__text *t, size_t s, size_t e)
{
	for (size_t k = s; k + 1 < e; k++)
		if (t->cp[k] == 0x96FB /* 電 */ && t->cp[k + 1] == 0x8A71 /* 話 */)
			return 1;
	return 0;
}

/* 対象森林：杣沢町大字押出字奥山 3102-4, 対象農地：…: a label naming a
 * parcel of land right before s (its colon, spaces) says the lot is the
 * land's, no one's home (batch 397; the hamlets' rule, aza_address(), read
 * these words before a lot already) */
static int parcel_label_before(const struct pii__text *t, size_t s)
{
	static const char *const parcels[] = {"農地", "森林", "山林", "地番", "申請地", NULL};
	size_t p = s;
	while (p > 0 && t->cp[p - 1] == ' ' && s - p < 2)
		p--;
	if (p == 0 || t->cp[p - 1] != ':')
		return 0;
	p--;
	return pii__ends_with(t, p >= 4 ? p - 4 : 0, p, parcels) != 0;
}

/* A wing's number at q after an optional space: one to maxd digits and
 * 号棟 (5号棟); the end past 号棟, or 0. */
static size_t wing_end(const struct pii__text *t, size_t q, size_t maxd)
{
	if (q < t->n && t->cp[q] == ' ')
		q++;
	size_t d = q;
	while (d < t->n && pii__is_digit(t->cp[d]) && d - q <= maxd)
		d++;
	return d > q && d - q <= maxd && pii__match(t, d, "号棟") ? d + 2 : 0;
}

/* The end of an estate's block and flat after a lot and a space (…芝園町
 * 3-7 5号棟1203号室, …3-10 4号棟1007号室; batches 790-805): 1-3 digits, 号棟,
 * 1-4 digits and 号室 (or nothing after the digits but the line's, a
 * bracket's or a clause's end), or e. */
static size_t block_flat_end(const struct pii__text *t, size_t e)
{
	size_t r = wing_end(t, e, 3), f = r;
	if (!r)
		return e;
	while (f < t->n && pii__is_digit(t->cp[f]) && f - r < 5)
		f++;
	if (f == r || f - r > 4)
		return e;
	if (pii__match(t, f, "号室"))
		return f + 2;
	return f >= t->n || pii__is_boundary(t->cp[f]) || t->cp[f] == ' ' || t->cp[f] == ')' ||
			       t->cp[f] == 0x3001 /* 、 */
		       ? f
		       : e;
}

static void address_add(struct pii__cands *c, const struct pii__text *t, size_t s, size_t e,
			double conf)
{
	if (!placeholder_in(t, s, e) && !phone_label_in(t, s, e) && !parcel_label_before(t, s))
		pii__cand_add(c, t, s, block_flat_end(t, e), PII_ADDRESS, conf);
}

/* First code points of address_labels: 住 居 新 旧 前 現 転 送 お(住まい, 届け先) 郵 配
 * (住 also opens 住戸)
 * 滞 避 宿 所 (a switch: this runs on every code point). */
static int label_first(uint32_t c)
{
	switch (c) {
	case 0x4F4F: case 0x5C45: case 0x65B0: case 0x65E7: case 0x524D: case 0x73FE:
	case 0x8EE2: case 0x9001: case 0x304A: case 0x6EDE: case 0x907F: case 0x5BBF:
	case 0x6240: /* 所(在地) */
	case 0x90F5: /* 郵(送先) */
	case 0x914D: /* 配(達先, 送先) */
		return 1;
	default:
		return 0;
	}
}

/* An address written in half-width katakana after its label, as bank and
 * card forms print it (ｼﾞｭｳｼｮ: ﾂﾔﾏｼ ｺﾊﾞﾗ 88-3; ninth round): the label
 * ｼﾞｭｳｼｮ or 住所 with a colon or a space, words of half-width kana (four
 * letters at least) and a block number of digits and hyphens ending the
 * line, a clause or a cell. */
static const char *const kana_address_labels[] = {"ｼﾞｭｳｼｮ", "ｼﾞﾕｳｼﾖ", "住所", NULL};

static int hw_kana(uint32_t c) { return c >= 0xFF66 && c <= 0xFF9F; }

static void kana_addresses(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t i = 0; i + 6 < t->n; i++) {
		if (t->cp[i] != 0xFF7C /* ｼ */ && t->cp[i] != 0x4F4F /* 住 */)
			continue;
		size_t m = pii__match_any(t, i, kana_address_labels);
		if (!m)
			continue;
		size_t s = i + m;
		if (s < t->n && t->cp[s] == ':')
			s++;
		while (s < t->n && t->cp[s] == ' ')
			s++;
		if (s == i + m || s >= t->n || !hw_kana(t->cp[s]))
			continue;
		size_t j = s, kana = 0;
		while (j < t->n && (hw_kana(t->cp[j]) || t->cp[j] == ' ') && j - s < 40)
			kana += hw_kana(t->cp[j]), j++;
		if (kana < 4 || j >= t->n || !pii__is_digit(t->cp[j]) || t->cp[j - 1] != ' ')
			continue;
		size_t e = j;
		while (e < t->n && (pii__is_digit(t->cp[e]) ||
				    (t->cp[e] == '-' && e + 1 < t->n && pii__is_digit(t->cp[e + 1]))))
			e++;
		if (e - j > 12 || (e < t->n && t->cp[e] != '\n' && t->cp[e] != ' ' &&
				   t->cp[e] != ',' && t->cp[e] != 0x3001 && !hw_kana(t->cp[e])))
			continue;
		/* a room in half-width kana after the block (ｺｰﾎﾟﾐﾄﾞﾘ 201) */
		size_t r = e;
		if (r + 1 < t->n && t->cp[r] == ' ' && hw_kana(t->cp[r + 1])) {
			size_t q = r + 1;
			while (q < t->n && hw_kana(t->cp[q]) && q - r < 20)
				q++;
			size_t d = q;
			if (d < t->n && t->cp[d] == ' ')
				d++;
			size_t de = d;
			while (de < t->n && pii__is_digit(t->cp[de]) && de - d < 5)
				de++;
			if (de > d && (de >= t->n || t->cp[de] == '\n' || t->cp[de] == ' '))
				e = de;
		}
		address_add(c, t, s, e, 0.85);
		i = e;
	}
}

/* The code points the walk of pii__detect_address() stops at: a label's
 * first, 丁(目), 通, 都道府県 and the municipal suffixes. */
static int address_cue(uint32_t c)
{
	return label_first(c) || c == 0x4E01 /* 丁 */ || c == 0x901A /* 通 */ || c == 0x90FD ||
	       c == 0x9053 || c == 0x5E9C || c == 0x770C || is_suffix(c) || c == 0x5B57 /* 字 */ ||
	       c == 0x7DDA /* 線 */;
}

/* A code point of a hamlet's or a town's name around 字: kanji, or the
 * small kana of such names (湯ノ沢, 梅ヶ丘). */
static int aza_name_cp(uint32_t c)
{
	return pii__is_kanji(c) || c == 0x30CE /* ノ */ || c == 0x30F6 /* ヶ */ ||
	       c == 0x30B1 /* ケ */;
}

/* Kanji that make an ordinary word with 字 after them (数字, 文字, 赤字,
 * 漢字, 名字...): no town's name ends there. */
static int aza_word_before(uint32_t c)
{
	static const uint32_t words[] = {
		0x6570 /* 数 */, 0x6587 /* 文 */, 0x8D64 /* 赤 */, 0x9ED2 /* 黒 */,
		0x6F22 /* 漢 */, 0x6D3B /* 活 */, 0x540D /* 名 */, 0x82D7 /* 苗 */,
		0x592A /* 太 */, 0x5341 /* 十 */, 0x7FD2 /* 習 */, 0x7D75 /* 絵 */,
		0x70B9 /* 点 */, 0x8AA4 /* 誤 */, 0x8131 /* 脱 */, 0x7565 /* 略 */,
		0x984C /* 題 */, 0x5370 /* 印 */, 0x82F1 /* 英 */, 0x6B63 /* 正 */,
		0x4FD7 /* 俗 */, 0x5F53 /* 当 */, 0x7A7A /* 空 */, 0x7D30 /* 細 */};
	for (size_t k = 0; k < YK_ARRAY_LEN(words); k++)
		if (c == words[k])
			return 1;
	return 0;
}

/* What may stand before a 大字 that opens an address with no town: the
 * start of a line, a cell, a bracket, a label's value, a clause or a list
 * item (a space is left out: 奥川内町 大字柚ノ木88 has its town before it). */
static int oaza_opens(uint32_t c)
{
	return c == '\n' || c == '\t' || c == ':' || c == '(' || c == ',' || c == 0x3001 /* 、 */ ||
	       c == 0x3002 /* 。 */;
}

/* An address that opens with a town's name and a hamlet, with no
 * municipality before them, at the 字 at a: 大沢字中村87, 湯ノ沢字上野7,
 * 大字上野字下原123番地 (rural addresses as a caseworker writes them in a
 * memo: 斎藤さん宅（大沢字中村87）; batches 274-275). The town's name is
 * two to six code points standing alone (not a word's end: 数字, 文字,
 * 赤字), the hamlet's one to five, then a lot number; parse_body() reads
 * them from the town's start as it reads a hamlet after a municipality.
 * Returns the end, *start the start, or 0. */
static size_t aza_address(const struct pii__text *t, size_t a, size_t *start)
{
	if (a > 0 && aza_word_before(t->cp[a - 1]))
		return 0;
	size_t q = a;
	while (q > 0 && a - q < 7 && (aza_name_cp(t->cp[q - 1]) || t->cp[q - 1] == 0x5B57 /* 字 */))
		q--;
	/* 12/5 字暮浜31番地 福田さん宅, 自宅は字汐見5番地2: the hamlet
	 * alone, its town left out as a villager writes it to the town's own
	 * office (batches 394-395); only with its lot in 番地 (below), the
	 * shape no word with 字 in it has */
	/* (not after a number: 大字米ノ22字北浦7番地 goes on from its
	 * town's block) */
	int bare = q == a;
	if (bare && a > 0 && pii__is_alnum(t->cp[a - 1]))
		return 0;
	/* 大字轟221の中城です, （昭和9年9月18日生、大字西谷1475）: the 大字
	 * standing alone, its town left out as a villager writes it to the
	 * town's own office or a nurse in a memo (batches 414-417). 大字 is
	 * an address's word only, so its hamlet and lot need no 番地 */
	/* (場所は大字坂元3421番地2, 明朝 大字日高2034番地 の農場: after a
	 * particle closing a word, or a space after a word that is no
	 * municipality's, the 大字 opens the address as at a line's start;
	 * batches 420-421) */
	int oaza = a - q == 1 && t->cp[q] == 0x5927 /* 大 */ &&
		   (q == 0 || oaza_opens(t->cp[q - 1]) ||
		    (q >= 2 && pii__is_particle(t->cp[q - 1]) && pii__is_kanji(t->cp[q - 2])) ||
		    (q >= 2 && t->cp[q - 1] == ' ' && !is_suffix(t->cp[q - 2]) &&
		     !pii__is_digit(t->cp[q - 2])));
	if (!bare && !oaza &&
	    (a < 2 || a - q < 2 || a - q > 6 || (q > 0 && aza_name_cp(t->cp[q - 1])) ||
	     t->cp[q] == 0x5B57))
		return 0;
	size_t j = a + 1;
	/* 字向イ山, 字下モ原: an old hamlet's name keeps a katakana of its
	 * reading between two kanji (one, kanji on both sides) */
	while (j < t->n && j - a <= 5 &&
	       (aza_name_cp(t->cp[j]) ||
		(j > a + 1 && pii__is_kata(t->cp[j]) && pii__is_kanji(t->cp[j - 1]) &&
		 j + 1 < t->n && pii__is_kanji(t->cp[j + 1]))))
		j++;
	if (j == a + 1 || j - a > 5 || j >= t->n || !pii__is_digit(t->cp[j]) || lot_stop(t->cp[j - 1]))
		return 0;
	if (bare) {
		size_t d = j;
		while (d < t->n && pii__is_digit(t->cp[d]) && d - j < 5)
			d++;
		if (!pii__match(t, d, "番地"))
			return 0;
	}
	size_t k = parse_body(t, q);
	if (k <= j)
		return 0;
	/* a parcel of land, not a home: its category after it (…1812番 田,
	 * 字竹ノ下1121,山林, 字北原812番（畑 1,4…）) or a parcel's word
	 * before it (対象農地：, 申請地は; batches 105-287 leave them
	 * unlabelled) */
	static const char *const land[] = {"畑", "田", "山林", "宅地", "樹園地", "原野", "雑種地",
					   "牧場", "池沼", NULL};
	static const char *const parcel[] = {"農地", "申請地", "地番", "土地", "筆", NULL};
	size_t z = k;
	while (z < t->n && z - k < 3 &&
	       (t->cp[z] == ' ' || t->cp[z] == ',' || t->cp[z] == '(' || t->cp[z] == 0x3001 /* 、 */))
		z++;
	if (pii__match_any(t, z, land))
		return 0;
	for (size_t b = q > 8 ? q - 8 : 0; b < q; b++)
		if (pii__match_any(t, b, parcel))
			return 0;
	*start = q;
	return k;
}

/* The low bytes of address_cue()'s code points (pii__skip_low()). */
static const uint8_t address_cue_low[256] = {
	[0x4F4F & 0xFF] = 1, [0x5C45 & 0xFF] = 1, [0x65B0 & 0xFF] = 1, [0x65E7 & 0xFF] = 1,
	[0x524D & 0xFF] = 1, [0x73FE & 0xFF] = 1, [0x8EE2 & 0xFF] = 1, [0x9001 & 0xFF] = 1,
	[0x304A & 0xFF] = 1, [0x6EDE & 0xFF] = 1, [0x907F & 0xFF] = 1, [0x5BBF & 0xFF] = 1,
	[0x6240 & 0xFF] = 1, [0x90F5 & 0xFF] = 1, /* label_first() (配 0x914D shares 前's byte) */
	[0x901A & 0xFF] = 1, /* 通; 丁 (0x4E01) shares 送's byte */
	[0x90FD & 0xFF] = 1, [0x9053 & 0xFF] = 1, [0x5E9C & 0xFF] = 1, [0x770C & 0xFF] = 1,
	[0x5E02 & 0xFF] = 1, [0x533A & 0xFF] = 1, [0x6751 & 0xFF] = 1,
	[0x90E1 & 0xFF] = 1, /* 都道府県, is_suffix() (町 0x753A shares 区's byte) */
	[0x5B57 & 0xFF] = 1, /* 字 */
	[0x7DDA & 0xFF] = 1, /* 線 */
};

/* 茶路西2線58番地, 新富北1線3番地: a farm on Hokkaido's grid named by its
 * district and 線 alone, the town left out (a tab-separated roll of farms,
 * batch 395). At the 線 at l: one to three digits before it, the
 * district's name of two to six kanji before them standing alone (no 字,
 * katakana, letter or digit before it: a particle, a tab or a line end), and
 * a lot in 番地 after; parse_body() reads
 * the grid as it does after a town. Returns the end, *start the start, or
 * 0. */
static size_t grid_line_address(const struct pii__text *t, size_t l, size_t *start)
{
	size_t b = l;
	while (b > 0 && pii__is_digit(t->cp[b - 1]) && l - b < 4)
		b--;
	if (b == l || l - b > 3)
		return 0;
	size_t q = b;
	while (q > 0 && pii__is_kanji(t->cp[q - 1]) && b - q < 7)
		q--;
	if (b - q < 2 || b - q > 6 || t->cp[q] == 0x5B57 /* 字 */ || lot_stop(t->cp[b - 1]) ||
	    (q > 0 && (pii__is_kata(t->cp[q - 1]) || pii__is_alnum(t->cp[q - 1]) ||
		       t->cp[q - 1] == 0x5B57)))
		return 0;
	size_t k = parse_body(t, q);
	if (k <= l + 1)
		return 0;
	int banchi = 0;
	for (size_t p = l + 1; p + 1 < k && !banchi; p++)
		banchi = pii__match(t, p, "番地") != 0;
	if (!banchi)
		return 0;
	*start = q;
	return k;
}

/* A public-housing estate's room with no town before it (twenty-fifth
 * round (d)): 桜台団地3号棟208号室, 桜台団地2-204, 桜台団地A-201. The
 * estate's name is the run of kanji or katakana ending in 団地 (up to ten
 * code points before it); the room is a
 * building and a room in the estate's shapes (a hyphen or 棟 between them,
 * the room of 3-4 digits). The estate alone (桜台団地 120戸, 桜台団地集会所,
 * 桜台団地 82.1%) or a lot after it (…工業団地2-1) is a place, not where
 * someone lives. Returns the end of the room or 0. */
static size_t estate_room_end(const struct pii__text *t, size_t j)
{
	if (j < t->n && t->cp[j] == ' ')
		j++;
	/* A棟306号室: a building lettered, then its room */
	size_t lettered = j;
	if (j + 2 < t->n && pii__is_upper(t->cp[j]) && t->cp[j + 1] == 0x68DF /* 棟 */ &&
	    pii__is_digit(t->cp[j + 2]))
		j += 2;
	if (j >= t->n || !(pii__is_digit(t->cp[j]) || pii__is_upper(t->cp[j])))
		return 0;
	size_t r = room_end(t, j);
	if (!r || r - j > 12)
		return 0;
	int wing = lettered != j;
	size_t last = r, run = 0;
	for (size_t q = j; q < r; q++) {
		if (t->cp[q] == '-' || t->cp[q] == 0x68DF /* 棟 */)
			wing = 1;
		if (pii__is_digit(t->cp[q])) {
			if (q == j || !pii__is_digit(t->cp[q - 1]))
				run = 0;
			run++;
			last = run;
		}
	}
	/* the room's own number: the last run of digits */
	if (!wing || last < 3 || last > 4)
		return 0;
	/* 2-204-1: a lot, not a room */
	if (r < t->n && (t->cp[r] == '-' || pii__is_digit(t->cp[r])))
		return 0;
	return r;
}

/* A code point that closes an item: a line or a cell ends, a bracket
 * closes, a clause or a list goes on. */
static int item_closer(uint32_t c)
{
	return pii__is_boundary(c) || c == '\t' || c == ')' || c == ',' || c == ' ' ||
	       c == 0x3001 /* 、 */;
}

/* An item opens at s: the text's or a line's start, a label's colon, a
 * bracket, a cell's tab, a list's 、 (（要介護1、宮腰第1団地A-4）). */
static int item_opens(const struct pii__text *t, size_t s)
{
	return s == 0 || t->cp[s - 1] == '\n' || t->cp[s - 1] == ':' || t->cp[s - 1] == '(' ||
	       t->cp[s - 1] == '\t' || t->cp[s - 1] == 0x3001 /* 、 */;
}

/* A town written before an estate's unit and a space (入居住戸：汐浦町字宮腰
 * 宮腰第1団地B棟12号): the municipality and its hamlet are part of the
 * address, the hamlet having no lot of its own. The run of kanji before
 * the space holds a municipality's suffix after its first code point
 * and opens its item (a label's colon, a line's start, a bracket).
 * Returns the town's start, or s. */
static size_t town_before_estate(const struct pii__text *t, size_t s)
{
	if (s < 4 || t->cp[s - 1] != ' ')
		return s;
	size_t p = s - 1;
	int suffix = 0;
	while (p > 0 && s - 1 - p < 20 && (aza_name_cp(t->cp[p - 1]) || t->cp[p - 1] == 0x5B57 /* 字 */)) {
		p--;
		if (is_suffix(t->cp[p]) && p + 1 < s - 1)
			suffix = 1;
	}
	if (!suffix || s - 1 - p < 3 || p == s - 1 || is_suffix(t->cp[p]))
		return s;
	if (item_opens(t, p))
		return p;
	/* or a city's or a county's name opening the run after a particle
	 * (いまは輪島市山本町 山本町団地 2号棟6号室に…; batches 806-821) */
	for (size_t q = p + 2; q + 1 < s; q++)
		if (t->cp[q] == 0x5E02 /* 市 */ || t->cp[q] == 0x90E1 /* 郡 */)
			return pii__is_hira(t->cp[p - 1]) ? p : s;
	return s;
}

/* A temporary-housing estate's numbered wing and unit after its name and
 * an optional space (町野第1団地 8号棟1号室, 山本町団地 2号棟6号室; batches
 * 806-821): one or two digits each, the unit closing the item or
 * followed by a particle; returns the end or 0 (three- and four-digit
 * rooms are estate_room_end()'s). */
static size_t unit_number_end(const struct pii__text *t, size_t d);

static size_t wing_unit_end(const struct pii__text *t, size_t j)
{
	size_t w = wing_end(t, j, 2);
	if (!w)
		return 0;
	size_t f = unit_number_end(t, w);
	return f && (f >= t->n || item_closer(t->cp[f]) || pii__is_particle(t->cp[f])) ? f : 0;
}

/* A unit's number at d: one or two digits, 号 and an optional 室 (12号,
 * 5号室); its end, or 0. */
static size_t unit_number_end(const struct pii__text *t, size_t d)
{
	size_t q = d;
	while (q < t->n && pii__is_digit(t->cp[q]) && q - d < 3)
		q++;
	if (q == d || q - d > 2 || q >= t->n || t->cp[q] != 0x53F7 /* 号 */)
		return 0;
	q++;
	if (q < t->n && t->cp[q] == 0x5BA4 /* 室 */)
		q++;
	return q;
}

/* A temporary-housing estate's unit (仮設団地, twenty-seventh round):
 * its buildings are lettered and its units numbered from one, so the
 * unit has one or two digits where a block of flats has a room of three
 * or four (estate_room_end()). B棟12号, A棟5号: a lettered building and
 * a numbered unit are a dwelling wherever they stand. A-3 and 3号 say
 * less (a lot, an item's number): they are taken only as a whole item,
 * the estate's name opening it (after a label's colon, a bracket, a
 * cell's tab or a line's start) and the unit closing it. j is the code
 * point after 団地, s the estate's start; returns the unit's end or 0. */
static size_t estate_unit_end(const struct pii__text *t, size_t s, size_t j)
{
	int lettered = j + 2 < t->n && pii__is_upper(t->cp[j]);
	if (lettered && t->cp[j + 1] == 0x68DF /* 棟 */) {
		size_t q = unit_number_end(t, j + 2);
		if (!q)
			return 0;
		if (pii__match(t, q, "在住"))
			return q;
		/* 3号棟, 12号館: a wing's number, not the unit's; 流通団地C棟2号
		 * 倉庫: a word after the number names a building of work */
		if (q < t->n && (pii__is_digit(t->cp[q]) || pii__is_kanji(t->cp[q]) ||
				 pii__is_kata(t->cp[q]) || pii__is_alpha(t->cp[q])))
			return 0;
		return q;
	}
	int hyphen = lettered && t->cp[j + 1] == '-';
	if (hyphen)
		j += 2;
	size_t q = j;
	while (q < t->n && pii__is_digit(t->cp[q]) && q - j < 3)
		q++;
	if (q == j || q - j > 2)
		return 0;
	/* 上野団地3号: a bare number only with 号 (団地3 alone is a count) */
	if (!hyphen && (q >= t->n || t->cp[q] != 0x53F7 /* 号 */))
		return 0;
	if (q < t->n && t->cp[q] == 0x53F7 /* 号 */)
		q++; /* A-3号 */
	if (q < t->n && !item_closer(t->cp[q]))
		return 0;
	return item_opens(t, town_before_estate(t, s)) ? q : 0;
}

/* グランフォレスト若草台B棟708号室: a condominium's name before its
 * lettered wing, written alone as a managers' board writes its flats.
 * The name opens its item (item_opens()) and is a run of katakana, three
 * at least (the brand a block of flats is sold under), then up to four
 * kanji of its place: a run of kanji alone (本館B棟) names an office's or
 * a school's building. l is the wing's letter; returns the name's start,
 * or l when there is none. */
static size_t condo_name_start(const struct pii__text *t, size_t l)
{
	size_t s = l;
	while (s > 0 && l - s < 4 && pii__is_kanji(t->cp[s - 1]))
		s--;
	size_t k = s;
	while (s > 0 && k - s < 12 && pii__is_kata(t->cp[s - 1]))
		s--;
	if (k - s < 3 || !item_opens(t, s))
		return l;
	return s;
}

/* A lodging's room written alone, its building lettered and the room
 * named by 号室 (部屋番号（B棟305号室）, 寮管理：C棟212号室です): where a
 * student or a worker of a dormitory lives, the lodging's address being
 * shared by all. Taken only as a whole item (item_opens(): a bracket, a
 * colon, a cell, a line's start) closed by a bracket, a clause's end or
 * です; a venue's label before it (会場：A棟101号室) makes it a room of
 * meetings. */
static void lettered_rooms(const struct pii__text *t, struct pii__cands *c)
{
	static const char *const venues[] = {"会場", "場所", "教室", "会議", "講義", "集合", NULL};
	for (size_t i = 1; i + 4 < t->n; i++) {
		if (t->cp[i] != 0x68DF /* 棟 */ || !pii__is_upper(t->cp[i - 1]))
			continue;
		size_t s = i - 1;
		if (!item_opens(t, s)) {
			s = condo_name_start(t, s);
			if (s == i - 1)
				continue;
		}
		size_t q = i + 1;
		while (q < t->n && pii__is_digit(t->cp[q]) && q - i <= 4)
			q++;
		if (q - i - 1 < 2 || q - i - 1 > 4 || !pii__match(t, q, "号室"))
			continue;
		q += 2;
		if (q < t->n && !item_closer(t->cp[q]) && t->cp[q] != 0x3002 /* 。 */ &&
		    !pii__match(t, q, "です"))
			continue;
		if (pii__find_before(t, s, 6, venues, NULL) >= 0)
			continue;
		address_add(c, t, s, q, 0.85);
		i = q;
	}
}

/* A phone number's shape in [s, e): a 0, then digits and hyphens, ten or
 * eleven digits in all, two hyphens at least (080-2291-5570). */
static int phone_in(const struct pii__text *t, size_t s, size_t e)
{
	for (size_t q = s; q < e; q++) {
		if (t->cp[q] != '0' || (q > s && pii__is_digit(t->cp[q - 1])))
			continue;
		size_t k = q, nd = 0, hy = 0;
		while (k < e && (pii__is_digit(t->cp[k]) || t->cp[k] == '-') && k - q < 14) {
			nd += pii__is_digit(t->cp[k]);
			hy += t->cp[k] == '-';
			k++;
		}
		if ((nd == 10 || nd == 11) && hy >= 2)
			return 1;
		q = k;
	}
	return 0;
}

/* A household's room written alone where the place is known to the
 * reader (batches 426 and 427), in two layouts only:
 * - in brackets right after a resident's honorific or お住まい, alone or
 *   glued to its block of flats' name (ヴォーさん（503号室）, 宮崎 浩二 様
 *   （パークホームズ川芝本町605号室）, お住まい（グランフォルム川芝1205号室）);
 *   a bracket saying more (寮の203号室の方) is a phrase, not the room;
 * - opening a row of a roll whose cells are separated by tabs or commas,
 *   a phone's number in the same row (301号室<TAB>李 明<TAB>2人<TAB>080-…):
 *   a list of a hall's rooms carries no one's phone.
 * A room in a sentence (708号室の滞納, 105号室の…さん) is left alone: the
 * labelled files disagree on it. r is the 号 of 号室. */
static void resident_room(const struct pii__text *t, struct pii__cands *c, size_t r)
{
	size_t d = r;
	while (d > 0 && r - d < 5 && pii__is_digit(t->cp[d - 1]))
		d--;
	if (r - d < 1 || r - d > 4 || (d > 0 && pii__is_digit(t->cp[d - 1])))
		return;
	size_t e = r + 2;
	if (e < t->n && t->cp[e] == ')') {
		size_t s = d;
		/* its building's number or letter before it (城田 隆さん（1号棟
		 * 306号室）, （B棟205号室）; batches 458-461) */
		if (s > 1 && t->cp[s - 1] == 0x68DF /* 棟 */) {
			size_t w = s - 1;
			if (w > 0 && t->cp[w - 1] == 0x53F7 /* 号 */)
				w--;
			size_t x = w;
			while (x > 0 && w - x < 2 && pii__is_digit(t->cp[x - 1]))
				x--;
			if (x == w && x > 0 && pii__is_upper(t->cp[x - 1]) && w == s - 1)
				x--;
			if (x < w)
				s = x;
		}
		if (s > 0 && t->cp[s - 1] != '(')
			s = condo_name_start(t, s);
		if (s == 0 || t->cp[s - 1] != '(')
			return;
		size_t b = s - 1;
		while (b > 0 && t->cp[b - 1] == ' ')
			b--;
		static const char *const residents[] = {"様", "さん", "氏", "君", "住まい", NULL};
		if (pii__ends_with(t, b > 3 ? b - 3 : 0, b, residents))
			address_add(c, t, s, e, 0.85);
		return;
	}
	if ((d > 0 && t->cp[d - 1] != '\n') || e >= t->n ||
	    !(t->cp[e] == ',' || (t->cp[e] == ' ' && pii__raw_tab(t, e))))
		return;
	/* a row's line, 120 code points at most (a sentence is longer) */
	size_t lim = t->n - e > 120 ? e + 120 : t->n;
	size_t le = pii__find_cp_in(t, e, lim, '\n');
	if ((le < lim || lim == t->n) && phone_in(t, e, le))
		address_add(c, t, d, e, 0.85);
}

static void resident_rooms(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t r = pii__find_cp(t, 1, 0x5BA4 /* 室 */); r < t->n;
	     r = pii__find_cp(t, r + 1, 0x5BA4)) {
		if (t->cp[r - 1] == 0x53F7 /* 号 */)
			resident_room(t, c, r - 1);
	}
}

/* 府営新喜多住宅12棟311号, 県営みなと住宅 3-205: a public body's housing
 * (府営, 県営, 市営…) named by its 住宅, the 住宅 at i; with its building
 * and room it is a household's dwelling wherever it stands, as an estate's
 * (batches 402-405); or by its アパート (都営柳瀬三丁目アパート 3号棟214号;
 * batches 458-461). m: the code points of 住宅 or アパート. Its end, the
 * start in *s; or 0. */
static size_t public_housing_room(const struct pii__text *t, size_t i, size_t m, size_t *s)
{
	size_t a = i;
	while (a > 0 && i - a < 10 &&
	       (pii__is_kanji(t->cp[a - 1]) || pii__is_kata(t->cp[a - 1]) || pii__is_hira(t->cp[a - 1])))
		a--;
	static const uint32_t bodies[] = {0x90FD /* 都 */, 0x9053 /* 道 */, 0x5E9C /* 府 */,
					  0x770C /* 県 */, 0x5E02 /* 市 */, 0x753A /* 町 */,
					  0x6751 /* 村 */};
	for (size_t k = a + 1; k < i; k++) {
		if (t->cp[k] != 0x55B6 /* 営 */)
			continue;
		int body = 0;
		for (size_t b = 0; b < YK_ARRAY_LEN(bodies) && !body; b++)
			body = t->cp[k - 1] == bodies[b];
		if (!body)
			continue;
		size_t e = estate_room_end(t, i + m);
		if (e)
			*s = k - 1;
		return e;
	}
	/* 芥川住宅3号棟208号室, 岸部第二住宅1号棟310号室: without the body,
	 * a wing numbered with 号棟 and a room of 3-4 digits after the 住宅
	 * (a housing section's texts name their estates so; batches
	 * 498-505). The name in kanji or katakana only (ご記入のうえ千里山…). */
	size_t q = i + m;
	if (m != 2 || q >= t->n || t->cp[q] == ' ')
		return 0;
	size_t d = q;
	while (d < t->n && pii__is_digit(t->cp[d]) && d - q < 2)
		d++;
	if (d == q || !pii__match(t, d, "号棟"))
		return 0;
	size_t b = i;
	while (b > 0 && i - b < 8 && (pii__is_kanji(t->cp[b - 1]) || pii__is_kata(t->cp[b - 1])))
		b--;
	if (b == i)
		return 0;
	size_t e = estate_room_end(t, q);
	if (e)
		*s = b;
	return e;
}

/* A flat's floor plan in brackets right after its unit (東泊団地 2-201
 * （3DK）, 5号（2LDK）): a vacancy offered in a notice, no household's
 * home (batches 466-469). */
static int floor_plan_after(const struct pii__text *t, size_t e)
{
	if (e + 3 >= t->n || t->cp[e] != '(' || !pii__is_digit(t->cp[e + 1]))
		return 0;
	size_t q = e + 2;
	while (q < t->n && q - e <= 5 && (t->cp[q] == 'L' || t->cp[q] == 'D' || t->cp[q] == 'K' ||
					  t->cp[q] == 'S'))
		q++;
	return q > e + 2 && q < t->n && t->cp[q] == ')' && t->cp[q - 1] == 'K';
}

static void estate_rooms(const struct pii__text *t, struct pii__cands *c)
{
	int estates = pii__may_have(t, 0x56E3 /* 団 */);
	int public_housing = pii__may_have(t, 0x5B85 /* 宅 */) &&
			     (pii__may_have(t, 0x55B6 /* 営 */) || pii__may_have(t, 0x68DF /* 棟 */));
	/* 都営柳瀬三丁目アパート2号棟508号 (batches 458-461) */
	int public_flats = pii__may_have(t, 0x55B6 /* 営 */) && pii__may_have(t, 0x30D1 /* パ */);
	if (!(estates || public_housing || public_flats) || !pii__may_have_digit(t))
		return;
	for (size_t i = 2; i + 1 < t->n; i++) {
		int flats = public_flats && pii__match(t, i, "アパート");
		if ((public_housing && t->cp[i] == 0x4F4F /* 住 */ && t->cp[i + 1] == 0x5B85 /* 宅 */) ||
		    flats) {
			size_t s = 0, e = public_housing_room(t, i, flats ? 4 : 2, &s);
			if (e) {
				address_add(c, t, s, e, 0.85);
				i = e;
			}
			continue;
		}
		if (t->cp[i] != 0x56E3 /* 団 */ || t->cp[i + 1] != 0x5730 /* 地 */)
			continue;
		size_t s = i;
		while (s > 0 && i - s < 10 && (pii__is_kanji(t->cp[s - 1]) || pii__is_kata(t->cp[s - 1])))
			s--;
		/* 宇出津第2団地3-105, 鵜川第1団地2-203: a numbered estate, 第 and
		 * one or two digits between the place and 団地 (batch 290) */
		if (s == i && i >= 3 && pii__is_digit(t->cp[i - 1])) {
			size_t d = i - 1;
			while (d > 0 && i - d < 3 && pii__is_digit(t->cp[d - 1]))
				d--;
			if (d >= 2 && t->cp[d - 1] == 0x7B2C /* 第 */ && pii__is_kanji(t->cp[d - 2])) {
				s = d - 1;
				while (s > 0 && d - s < 8 && pii__is_kanji(t->cp[s - 1]))
					s--;
				if (s == d - 1)
					continue;
			} else {
				continue;
			}
		}
		if (i - s < 1)
			continue;
		/* 浜の手団地, 緑の丘団地: の between two short runs of kanji
		 * inside the estate's name, the first opening its item (the
		 * line's start, a bracket, a colon, a space, a comma); a
		 * particle after a longer word (本町の団地) ends the name */
		if (s >= 2 && t->cp[s - 1] == 0x306E /* の */ && i - s <= 3 &&
		    pii__is_kanji(t->cp[s - 2])) {
			size_t h = s - 1;
			while (h > 0 && s - 1 - h < 3 && pii__is_kanji(t->cp[h - 1]))
				h--;
			if (s - 1 - h <= 2 && !is_suffix(t->cp[s - 2]) &&
			    (h == 0 || !(pii__is_kanji(t->cp[h - 1]) || pii__is_kata(t->cp[h - 1]) ||
					 pii__is_hira(t->cp[h - 1]) || pii__is_alnum(t->cp[h - 1]))))
				s = h;
		}
		/* a name opening in kana (ひばり野団地3-108): the kana are the
		 * estate's when a bracket, a space, a colon or the line's start
		 * comes before them (a particle would end a word: 市の団地) */
		size_t h = s;
		while (h > 0 && s - h < 5 && pii__is_hira(t->cp[h - 1]))
			h--;
		if (h < s && s - h >= 2 &&
		    (h == 0 || t->cp[h - 1] == '(' || t->cp[h - 1] == ' ' || t->cp[h - 1] == ':' ||
		     t->cp[h - 1] == '\n'))
			s = h;
		/* an industrial estate: a workplace, not a home */
		if (pii__match(t, i - 2, "工業") || pii__match(t, i - 2, "産業"))
			continue;
		size_t e = estate_room_end(t, i + 2);
		if (!e)
			e = estate_unit_end(t, s, i + 2);
		if (!e)
			e = wing_unit_end(t, i + 2);
		if (e && floor_plan_after(t, e)) {
			i = e;
			continue;
		}
		if (e) {
			address_add(c, t, town_before_estate(t, s), e, 0.85);
			i = e;
		}
	}
}

/* An estate's building and room found on their own right after an
 * address's lot and a space (芝原市けやき台三丁目5番 けやき台団地12号棟304号室;
 * batches 242-249): one address. The addresses that may follow a lot are
 * looked up by their start (sorted once: neither a start nor a type
 * changes here), not searched for among every candidate. */
static void estates_after_lots(const struct pii__text *t, struct pii__cands *c)
{
	size_t *by_start = NULL, na = 0; /* (start, index) of each address */
	for (size_t k = 0; k < c->n; k++) {
		struct pii_span *a = &c->v[k];
		/* not across a tab: the next cell's address is another (旧住所
		 * <TAB>転居先 …団地1-102; session 18) */
		if (a->type != PII_ADDRESS || a->end + 2 >= t->n || t->cp[a->end] != ' ' ||
		    pii__raw_tab(t, a->end) ||
		    !(pii__is_digit(t->cp[a->end - 1]) || t->cp[a->end - 1] == 0x756A /* 番 */ ||
		      t->cp[a->end - 1] == 0x5730 /* 地 */ || t->cp[a->end - 1] == 0x53F7 /* 号 */))
			continue;
		if (!by_start) {
			by_start = yk_xmalloc(2 * c->n * sizeof(*by_start));
			for (size_t z = 0; z < c->n; z++)
				if (c->v[z].type == PII_ADDRESS) {
					by_start[2 * na] = c->v[z].start;
					by_start[2 * na + 1] = z;
					na++;
				}
			if (na > 1)
				qsort(by_start, na, 2 * sizeof(*by_start), pii__cmp_pairs);
		}
		/* the first address (by place in c) starting after the space */
		size_t lo = pii__keys_below(by_start, na, 2, a->end + 1);
		for (; lo < na && by_start[2 * lo] == a->end + 1; lo++) {
			size_t z = by_start[2 * lo + 1];
			struct pii_span *b = &c->v[z];
			if (z == k || b->confidence <= 0)
				continue;
			int estate = 0;
			for (size_t q = b->start; q + 1 < b->end && !estate; q++)
				estate = t->cp[q] == 0x56E3 /* 団 */ && t->cp[q + 1] == 0x5730 /* 地 */;
			if (!estate)
				continue;
			size_t e = b->end;
			b->confidence = 0; /* pii__public_filter() drops it */
			pii__span_set(a, t, a->start, e);
			break;
		}
	}
	free(by_start);
}

/* A label in a sentence (登録住所が転居前の荒里区川並三丁目9番2号のまま) is
 * followed by words about the address before it: は or が after the label,
 * and an の in the value before the municipality's suffix. The address
 * then starts at its municipality (the walk anchors there), not at the
 * label (batch 348). */
static int phrase_before_address(const struct pii__text *t, size_t s, size_t end)
{
	if (s < 1 || (t->cp[s - 1] != 0x306F /* は */ && t->cp[s - 1] != 0x304C /* が */))
		return 0;
	for (size_t q = s + 1; q + 1 < end && !is_suffix(t->cp[q]); q++)
		if (t->cp[q] == 0x306E /* の */ && pii__is_kanji(t->cp[q + 1]) &&
		    pii__is_kanji(t->cp[q - 1])) {
			/* 杜の浦市: の inside a municipality's name (one or two
			 * kanji on each side, then the suffix) */
			size_t r = q + 1;
			while (r < end && pii__is_kanji(t->cp[r]) && !is_suffix(t->cp[r]))
				r++;
			if (r < end && is_suffix(t->cp[r]) && r - q <= 3 && q - s <= 2)
				return 0;
			return 1;
		}
	return 0;
}

/* 住所表示が多治見市…に変更 (batches 744-757): the label opens a longer
 * word (one to three kanji glued after it) that a particle closes before
 * the value; the address starts at its municipality (the walk anchors
 * there), not at the label's end. */
static int label_phrase(const struct pii__text *t, size_t s, size_t end)
{
	if (s == 0 || !pii__is_kanji(t->cp[s - 1]))
		return 0; /* 住所：緑が丘4-12-8: a value after the label's colon */
	size_t q = s;
	while (q < end && q - s < 3 && pii__is_kanji(t->cp[q]))
		q++;
	return q > s && q + 1 < end && (t->cp[q] == 0x304C /* が */ || t->cp[q] == 0x306F /* は */) &&
	       pii__is_kanji(t->cp[q + 1]);
}

/* The low bytes of 番 (hamlet_lot_of_resident()'s cue). */
static const uint8_t banchi_cue_low[256] = {[0x756A & 0xFF] = 1};

static int banchi_cue(uint32_t c) { return c == 0x756A /* 番 */; }

/* 浜垣1502番地の民泊の隣に住む…, 。谷内21番地の上田さんですが: a hamlet's
 * name and its lot in 番地 alone, no municipality nor 字 before them, as a
 * neighbour or a welfare commissioner writes to the town's own office
 * where someone lives (thirty-fifth round). Only where the clause after
 * the lot says so: it lives (住む, 住ん, 住ま) or names a person (さん,
 * 様) before the sentence ends; the name stands alone (a line's, a
 * sentence's or a clause's start before it). Returns the end, *start the
 * start, or 0, at the 番 at b. */
static size_t hamlet_lot_of_resident(const struct pii__text *t, size_t b, size_t *start)
{
	if (b + 2 >= t->n || t->cp[b + 1] != 0x5730 /* 地 */ || t->cp[b + 2] != 0x306E /* の */)
		return 0;
	size_t d = b;
	while (d > 0 && pii__is_digit(t->cp[d - 1]) && b - d < 5)
		d--;
	if (d == b || d == 0)
		return 0;
	size_t q = d;
	while (q > 0 && aza_name_cp(t->cp[q - 1]) && d - q < 5)
		q--;
	if (d - q < 2 || d - q > 4 || !pii__is_kanji(t->cp[q]))
		return 0;
	if (q > 0 && !oaza_opens(t->cp[q - 1]) && t->cp[q - 1] != ' ')
		return 0;
	for (size_t k = b + 3; k < t->n && k < b + 3 + 24; k++) {
		uint32_t ch = t->cp[k];
		if (ch == '\n' || ch == 0x3002 /* 。 */)
			break;
		static const char *const lives[] = {"住む", "住ん", "住ま", "さん", "様", NULL};
		if (pii__match_any(t, k, lives)) {
			*start = q;
			return b + 2;
		}
	}
	return 0;
}

static void hamlet_lots_of_residents(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t i = 0; i < t->n; i++) {
		i = pii__skip_low(t, i, banchi_cue_low, banchi_cue);
		if (i >= t->n)
			break;
		size_t s = 0, e = banchi_cue(t->cp[i]) ? hamlet_lot_of_resident(t, i, &s) : 0;
		if (e) {
			address_add(c, t, s, e, 0.85);
			i = e;
		}
	}
}

void pii__detect_address(const struct pii__text *t, struct pii__cands *c)
{
	/* every address ends in a block number (parse_body()): a digit, or
	 * kanji numerals with 丁, 番 or 号 */
	if (!pii__may_have_digit(t) && !pii__may_have(t, 0x4E01 /* 丁 */) &&
	    !pii__may_have(t, 0x756A /* 番 */) && !pii__may_have(t, 0x53F7 /* 号 */))
		return;
	if (pii__may_have_digit(t) && pii__may_have_class(t, PII_CUE_KATA) &&
	    (pii__may_have(t, 0xFF7C /* ｼ */) || pii__may_have(t, 0x4F4F /* 住 */)))
		kana_addresses(t, c);
	for (size_t i = 0; i < t->n; i++) {
		/* nothing below starts at a code point that is no cue */
		i = pii__skip_low(t, i, address_cue_low, address_cue);
		if (i >= t->n)
			break;
		if (label_first(t->cp[i])) {
			size_t s = after_label(t, i);
			size_t end = s != (size_t)-1 ? parse_body(t, s) : 0;
			if (end && (phrase_before_address(t, s, end) || label_phrase(t, s, end)))
				end = 0;
			if (!end && s != (size_t)-1 && pii__may_have(t, 0x6761 /* 条 */))
				end = grid_block_end(t, s);
			if (end) {
				/* a municipality in it anchors below, with its own start */
				address_add(c, t, s, end, 0.85);
				i = end;
				continue;
			}
		}
		if (t->cp[i] == 0x4E01 /* 丁 */ && i + 2 < t->n && t->cp[i + 1] == 0x76EE /* 目 */) {
			size_t s = town_start(t, i);
			size_t end = s != (size_t)-1 ? parse_body(t, s) : 0;
			if (end && end > i + 2) {
				address_add(c, t, s, end, 0.85);
				i = end;
				continue;
			}
		}
		if (t->cp[i] == 0x5B57 /* 字 */) {
			size_t s = 0, end = aza_address(t, i, &s);
			if (end) {
				address_add(c, t, s, end, 0.85);
				i = end;
				continue;
			}
		}
		if (t->cp[i] == 0x7DDA /* 線 */) {
			size_t s = 0, end = grid_line_address(t, i, &s);
			if (end) {
				address_add(c, t, s, end, 0.85);
				i = end;
				continue;
			}
		}
		if (t->cp[i] == 0x901A /* 通 */) {
			size_t s = kyoto_street_start(t, i);
			size_t end = s != (size_t)-1 ? parse_body(t, s) : 0;
			if (end) {
				address_add(c, t, s, end, 0.85);
				i = end;
				continue;
			}
		}
		if (i == 0)
			continue;
		uint32_t ch = t->cp[i];
		size_t start = (size_t)-1;
		if (ch == 0x90FD || ch == 0x9053 || ch == 0x5E9C || ch == 0x770C) { /* 都道府県 */
			/* the first prefecture of the list ending here */
			size_t pl = pii__ends_with(t, 0, i + 1, prefectures);
			if (pl)
				start = i + 1 - pl;
		}
		if (start == (size_t)-1 && is_suffix(ch)) {
			start = name_start(t, i);
			/* 緑町, 本町: a one-character name before 町/村 is a district of a
			 * city, not a municipality (a city name before it anchors instead) */
			if (start != (size_t)-1 && i - start < 2 &&
			    (ch == 0x753A /* 町 */ || ch == 0x6751 /* 村 */))
				start = (size_t)-1;
		}
		if (start == (size_t)-1)
			continue;
		/* いわき市内の錦町大島9-2: 内の after the municipality says
		 * "within it"; the address is the town after の (twenty-fifth
		 * round (d)) */
		if ((ch == 0x5E02 /* 市 */ || ch == 0x533A /* 区 */ || ch == 0x753A /* 町 */ ||
		     ch == 0x6751 /* 村 */) &&
		    i + 3 < t->n && t->cp[i + 1] == 0x5185 /* 内 */ && t->cp[i + 2] == 0x306E /* の */ &&
		    pii__is_kanji(t->cp[i + 3])) {
			size_t e = parse_body(t, i + 3);
			if (e) {
				address_add(c, t, i + 3, e, 0.9);
				i = e;
			}
			continue;
		}
		size_t end = parse_body(t, i + 1);
		/* 本籍：北海道石狩市…3条2丁目: the grid's block after a label of
		 * one's own address (twenty-seventh round (g)) */
		/* (a label of one's own: not 勤務先 or 連絡先, an office's) */
		static const char *const own_labels[] = {"住所", "本籍", "本籍地", "居所", NULL};
		if (!end && pii__may_have(t, 0x6761 /* 条 */) &&
		    address_label_before(t, start, own_labels))
			end = grid_block_end(t, i + 1);
		if (!end)
			continue;
		address_add(c, t, start, end, 0.9);
		i = end;
	}
	if (pii__may_have(t, 0x756A /* 番 */) && pii__may_have(t, 0x5730 /* 地 */) &&
	    pii__may_have_digit(t))
		hamlet_lots_of_residents(t, c);
	estate_rooms(t, c);
	if (pii__may_have(t, 0x68DF /* 棟 */) && pii__may_have_digit(t))
		lettered_rooms(t, c);
	if (pii__may_have(t, ' '))
		estates_after_lots(t, c);
	if (pii__may_have(t, 0x5BA4 /* 室 */) && pii__may_have(t, 0x53F7 /* 号 */) &&
	    pii__may_have_digit(t))
		resident_rooms(t, c);
}

/* ---- addresses abroad, in Latin script ------------------------------------ */

/* Words of a street in the languages of the foreign residents most cities
 * have (English, Portuguese, Spanish, Vietnamese, Tagalog, Indonesian). */
static const char *const street_words[] = {
	"Street", "St.", "Avenue", "Ave.", "Road", "Rd.", "Boulevard", "Blvd.", "Lane", "Drive",
	"Rua", "Avenida", "Av.", "Calle", "Carrera", "Travessa", "Estrada", "Đường", "Phố",
	"Phường", "Quận", "Barangay", "Brgy.", "Jalan", "Jl.", "Apt.", "Số", "Apto", "Apto.",
	/* without their full stop (4812 Maple Ave, Apt 3B; seventeenth
	 * round (b)) */
	"Ave", "St", "Rd", "Blvd",
	/* Drive abbreviated (1420 Ocean View Dr, Apt 5B, …): a street word
	 * only in an address's items, with its number */
	"Dr",
	/* British streets and flats (Flat 4, 22 Elgin Crescent, London W11
	 * 2JD, UK; batches 458-461) */
	"Crescent", "Terrace", "Gardens", "Close", "Square", "Flat", NULL,
};

/* A token of a foreign address at i: a capitalised or upper-case word (a
 * full stop may end it: St.), a particle (da, de, do), or a number of up to
 * six digits with an optional hyphen or letter (45-2, 12A). Returns its
 * end, or 0; *num says it was a number, *street a street word. */
static const char *const romaji_units[] = {"ku", "cho", "shi", "chome", "machi", "gun",
					    "mura", "ban", "go", NULL};

/* A word of Japanese place romanised with its unit after a hyphen
 * (Sakyo-ku, Matsunoki-cho, 6-chome): the end of the unit at j (the hyphen)
 * or 0. */
static size_t romaji_unit_end(const struct pii__text *t, size_t j)
{
	if (j + 1 >= t->n || t->cp[j] != '-')
		return 0;
	for (size_t k = 0; romaji_units[k]; k++) {
		size_t m = pii__match(t, j + 1, romaji_units[k]);
		if (m && (j + 1 + m >= t->n || !pii__is_latin(t->cp[j + 1 + m])))
			return j + 1 + m;
	}
	return 0;
}

/* City, Town, Village: a Japanese municipality's unit in English at
 * [s, e) (Okinawa City); a full stop after it ends the sentence. */
static int city_unit_word(const struct pii__text *t, size_t s, size_t e)
{
	static const char *const units[] = {"City", "Town", "Village", NULL};
	return t->cp[s] < 0x80 && pii__is_latin_upper(t->cp[s]) && pii__match_any(t, s, units) == e - s;
}

static size_t foreign_token(const struct pii__text *t, size_t i, int *num, int *street)
{
	size_t j = i;
	*num = *street = 0;
	if (i >= t->n)
		return 0;
	/* No.18, No. 18: a house's number after its abbreviation (Indonesian,
	 * Spanish, Tagalog; fifteenth round (b)) */
	if (i + 3 < t->n && t->cp[i] == 'N' && t->cp[i + 1] == 'o' && t->cp[i + 2] == '.') {
		j = i + 3;
		if (t->cp[j] == ' ')
			j++;
		size_t d = j;
		while (j < t->n && pii__is_digit(t->cp[j]) && j - d < 5)
			j++;
		if (j > d && (j == t->n || !(pii__is_latin(t->cp[j]) || pii__is_digit(t->cp[j])))) {
			*num = 1;
			return j;
		}
		j = i;
	}
	if (pii__is_digit(t->cp[i]) || pii__is_upper(t->cp[i])) {
		/* a number (45-2, 12A) or a postal code of letters and digits
		 * (M5H 2M9) */
		int digits = 0, letters = 0;
		while (j < t->n && (pii__is_digit(t->cp[j]) || pii__is_upper(t->cp[j]) ||
				    (t->cp[j] == '-' && j + 1 < t->n && pii__is_digit(t->cp[j + 1]))) &&
		       j - i < 12) {
			digits += pii__is_digit(t->cp[j]);
			letters += pii__is_upper(t->cp[j]);
			j++;
		}
		if (digits && (pii__is_digit(t->cp[i]) || letters <= 2)) {
			/* 1979-08-21: a date (DOB 1979-08-21, 3-14-2 Miyazato, …)
			 * is no house's number (twenty-fourth round (c)) */
			if (j - i == 10 && !letters && t->cp[i + 4] == '-' && t->cp[i + 7] == '-')
				return 0;
			size_t u = romaji_unit_end(t, j);
			if (u) {
				*street = 1; /* 6-chome */
				j = u;
			} else if (digits && j < t->n && pii__is_upper(t->cp[j])) {
				j++;
			}
			*num = 1;
			if (j < t->n && (pii__is_latin(t->cp[j]) || pii__is_digit(t->cp[j])))
				return 0;
			return j;
		}
		j = i;
		if (!pii__is_upper(t->cp[i]))
			return 0;
	}
	if (pii__is_latin(t->cp[i])) {
		while (j < t->n && pii__is_latin(t->cp[j]) && j - i < 24)
			j++;
		size_t u = romaji_unit_end(t, j);
		if (u) {
			*street = 1; /* Sakyo-ku, Matsunoki-cho */
			j = u;
		} else if (j < t->n && t->cp[j] == '-' && j + 1 < t->n &&
			   pii__is_latin_upper(t->cp[j + 1])) {
			j++; /* Gojo-Bashi */
			while (j < t->n && pii__is_latin(t->cp[j]) && j - i < 24)
				j++;
		} else if (j < t->n && t->cp[j] == '-' && j + 1 < t->n && pii__is_latin(t->cp[j + 1])) {
			size_t k = j + 1; /* Gojo-bashi */
			while (k < t->n && pii__is_latin(t->cp[k]) && k - i < 24)
				k++;
			j = k;
		}
		/* St.: a full stop ends an abbreviation, not a romanised unit
		 * (…, Kosai-shi. ends the sentence; seventeenth round (b)) */
		/* (nor USA. ending one: a word in capitals is a code, no
		 * abbreviation with its full stop) */
		int capitals = j - i >= 2;
		for (size_t q = i; q < j && capitals; q++)
			capitals = pii__is_upper(t->cp[q]);
		if (j < t->n && t->cp[j] == '.' && !u && !city_unit_word(t, i, j) && !capitals &&
		    j - i <= 4) /* St., Ave., Blvd, Apt.; not Sendai. ending a sentence */
			j++;
		for (size_t k = 0; street_words[k]; k++)
			if (pii__match(t, i, street_words[k]) == j - i)
				*street = 1;
		static const char *const lower_words[] = {"apto", "apto.", "apt.", "sala", "casa",
							  "bloco", "lote", "piso", "unit", "flat",
							  "số", "ngõ", "hẻm", NULL};
		int lower_ok = 0;
		for (size_t k = 0; lower_words[k] && !lower_ok; k++)
			lower_ok = pii__match(t, i, lower_words[k]) == j - i;
		if (!pii__is_latin_upper(t->cp[i]) && !(j - i <= 3 && t->cp[j - 1] != '.') && !lower_ok)
			return 0; /* lower case: only short particles and room words */
		/* …9-4-2 and I need…: an English sentence's small words go on
		 * after an address, never inside one (twenty-fourth round (c)) */
		static const char *const english_small[] = {"and", "or", "to", "at", "in", "on",
							    "for", "the", "is", "if", NULL};
		if (!pii__is_latin_upper(t->cp[i]) && pii__match_any(t, i, english_small) == j - i)
			return 0;
	} else {
		return 0;
	}
	if (j < t->n && (pii__is_latin(t->cp[j]) || pii__is_digit(t->cp[j])))
		return 0;
	return j;
}

/* An address's label in Latin letters right before i (Address:,
 * ADDRESS:, address :). */
static int latin_address_label(const struct pii__text *t, size_t i)
{
	size_t p = i;
	while (p > 0 && t->cp[p - 1] == ' ')
		p--;
	if (p == 0 || t->cp[p - 1] != ':')
		return 0;
	p--;
	while (p > 0 && t->cp[p - 1] == ' ')
		p--;
	/* 海外の住所：Jl. …, 本国住所: …: a Japanese form's label before an
	 * address abroad (fifteenth round (b)) */
	/* Endereço:, Dirección: in the languages of foreign residents
	 * (twenty-fourth round (c)) */
	static const char *const labels[] = {"Address", "address", "ADDRESS", "住所", "居所",
					     "連絡先", "Endereço", "endereço", "Endereco",
					     "Dirección", "Direccion", NULL};
	size_t m = pii__ends_with(t, p >= 9 ? p - 9 : 0, p, labels);
	return m && (p == m || !pii__is_latin(t->cp[p - m - 1]));
}

static const char *const prose_labels[] = {"address is", "live at", "lives at", "living at",
					   "reside at", "resides at", NULL};

/* A sentence that says the writer's address comes next (My address is …,
 * I live at …), right before i: an address's label in prose
 * (twenty-fourth round (c)). */
static int latin_prose_label(const struct pii__text *t, size_t i)
{
	if (i < 8 || t->cp[i - 1] != ' ')
		return 0;
	size_t p = i - 1, m = pii__ends_with(t, p >= 10 ? p - 10 : 0, p, prose_labels);
	return m && (p == m || !pii__is_latin(t->cp[p - m - 1]));
}

/* A house's lot in a Japanese address written in Latin letters: digits
 * and one or two hyphens between them (2-15-6, 2415-8) in [s, e). */
static int romaji_lot(const struct pii__text *t, size_t s, size_t e)
{
	int hyphens = 0;
	for (size_t q = s; q < e; q++) {
		if (t->cp[q] == '-')
			hyphens++;
		else if (!pii__is_digit(t->cp[q]))
			return 0;
	}
	return hyphens >= 1 && hyphens <= 2;
}

/* Okinawa City, Nago City: a Japanese municipality named in English (its
 * unit a word after its capitalised name) at [s, e), after a word. */
static int english_city_word(const struct pii__text *t, size_t s, size_t e, size_t prev_word)
{
	return prev_word && pii__is_latin_upper(t->cp[prev_word - 1]) && city_unit_word(t, s, e);
}

static size_t romaji_town_before(const struct pii__text *t, size_t i, size_t e);

/* A lot no score has: two hyphens (2-3-104) or a part of three digits or
 * more (2210-4); a score is 2-1. */
static int house_lot(const struct pii__text *t, size_t s, size_t e)
{
	int hyphens = 0;
	size_t run = 0, longest = 0;
	for (size_t q = s; q < e; q++) {
		if (t->cp[q] == '-')
			hyphens++, run = 0;
		else if (++run > longest)
			longest = run;
	}
	return hyphens == 2 || longest >= 3;
}

/* 3-14-6, 1-9-4: a Japanese lot of 丁目, 番 and 号 at [s, e), three numbers
 * (one or two digits, the first not 0; one to three; one to four) joined
 * by two hyphens. A phone (046-821-1213) opens with 0 or has longer
 * parts; a date (2024-03-05) has four digits first. */
static int chome_lot(const struct pii__text *t, size_t s, size_t e)
{
	static const size_t most[] = {2, 3, 4};
	size_t part = 0, run = 0;
	if (s >= e || t->cp[s] == '0')
		return 0;
	for (size_t q = s; q < e; q++) {
		if (t->cp[q] == '-') {
			if (!run || ++part > 2)
				return 0;
			run = 0;
		} else if (!pii__is_digit(t->cp[q]) || ++run > most[part]) {
			return 0;
		}
	}
	return part == 2 && run > 0;
}

/* 1250 Oak Street, Springfield, IL 62704; 123 Rizal Street, Barangay San
 * Jose, Quezon City; Rua das Flores, 45, São Paulo: items of Latin tokens
 * separated by ", ", with a street word and a number. */
static size_t foreign_address_at(const struct pii__text *t, size_t i)
{
	size_t j = i, end = 0, prev_word = 0;
	int items = 0, numbers = 0, streets = 0, words = 0, lots = 0, cities = 0, chome = 0;
	int lone_lot = 0; /* the first item is a lot alone (2-3-104, Toyota-shi) */
	int lot3 = 0;     /* the first token is a lot of 丁目, 番 and 号 (chome_lot()) */
	int first_words = 0, second_tokens = 0, second_words = 0;
	for (;;) {
		size_t tokens = 0;
		int prev_lot = 0;
		prev_word = 0;
		for (;;) {
			int num, street;
			size_t e = foreign_token(t, j, &num, &street);
			if (!e)
				break;
			/* an address starts with a number or a street word */
			if (items == 0 && tokens == 0 && !num && !street)
				return 0;
			numbers += num, streets += street, words += !num, tokens++;
			/* a lot counts with its town's name after it (2-15-6
			 * Miyazato), not alone (a score of 3-1) */
			lots += !num && prev_lot;
			/* 2-17 Takadanobaba 3-chome: the 丁目 after a lot and its
			 * town (twenty-sixth round (d)) */
			chome |= num && lots && e - j >= 7 && pii__match(t, e - 5, "chome");
			prev_lot = num && romaji_lot(t, j, e);
			if (items == 0 && tokens == 1) {
				lone_lot = prev_lot && house_lot(t, j, e);
				lot3 = num && chome_lot(t, j, e);
			}
			first_words += items == 0 && !num;
			second_words += items == 1 && !num && pii__is_latin_upper(t->cp[j]);
			cities += !num && english_city_word(t, j, e, prev_word);
			prev_word = num ? 0 : j + 1;
			j = end = e;
			if (tokens == 8 || j + 1 >= t->n || t->cp[j] != ' ')
				break;
			j++;
			if (j + 1 < t->n && t->cp[j] == '-' && t->cp[j + 1] == ' ')
				j += 2; /* Curitiba - PR, 1578 - Bela Vista */
		}
		if (!tokens)
			break;
		if (items == 1)
			second_tokens = (int)tokens;
		lone_lot &= items > 0 || tokens == 1;
		items++;
		j = end;
		if (items == 8 || j + 2 >= t->n || t->cp[j] != ',' || t->cp[j + 1] != ' ')
			break;
		j += 2;
	}
	/* 2-15-6 Miyazato, Okinawa City, Apt 405: a Japanese address in
	 * English has no street; its lot and its city's English unit stand for
	 * one (twenty-fourth round (c)) */
	if (lots && cities)
		streets++;
	if (streets && numbers && words >= 2 && items >= 2)
		return end;
	/* a lot, its town, then N-chome: only a Japanese address has the
	 * unit (as 丁目 with a block is only ever one); and a lot alone
	 * before its municipality's unit (…, Toyota-shi) with its town's
	 * name right before the lot (Homigaoka 2-3-104, Toyota-shi;
	 * twenty-sixth round (d)) */
	if (chome || (lone_lot && streets && words >= 1 && items >= 2 &&
		      romaji_town_before(t, i, end) < i))
		return end;
	/* 2-9-4 Shiomidai, Haura; Nagasaka 1-9-4, Haura: a Japanese lot of
	 * three numbers, its town's name after it (or before it: read by
	 * romaji_town_before()), then its municipality alone as the next
	 * item; the town's words after a lot with no municipality (3-1-2
	 * Arena) or a municipality of several words are not this shape */
	if (lot3 && items >= 2 && second_tokens == 1 && second_words == 1 &&
	    (first_words == 1 || (first_words == 0 && romaji_town_before(t, i, end) < i)))
		return end;
	/* Address: Kusatsu-shi Kasayama 5-2-18 Leopalace Kasayama 107: one
	 * item, no commas, after an address's label in Latin letters (twelfth
	 * round (b)), or after My address is (twenty-fourth round (c)) */
	return streets && numbers && words >= 2 && items == 1 &&
			       (latin_address_label(t, i) || latin_prose_label(t, i))
		       ? end
		       : 0;
}

/* Washizu 2210-4, Sunny Heights 2F, Kosai-shi: a romanised town's name
 * written before its lot number, in an address that names its
 * municipality's unit (-shi, -ku, -cho, -machi, -gun, -mura; seventeenth
 * round (b)). The address read from its number at i takes one capitalised
 * word right before it after a space; returns the new start, or i. */
static size_t romaji_town_before(const struct pii__text *t, size_t i, size_t e)
{
	if (i < 3 || t->cp[i - 1] != ' ' || !pii__is_digit(t->cp[i]))
		return i;
	size_t w = i - 1;
	while (w > 0 && pii__is_latin(t->cp[w - 1]) && i - w < 20)
		w--;
	if (w == i - 1 || !pii__is_latin_upper(t->cp[w]) || (w > 0 && !(t->cp[w - 1] == ' ' ||
								     t->cp[w - 1] == ':')))
		return i;
	int unit = 0;
	for (size_t q = i; q + 1 < e && !unit; q++)
		unit = t->cp[q] == '-' && pii__is_latin(t->cp[q + 1]) && romaji_unit_end(t, q);
	/* Nagasaka 1-9-4, Haura: a lot of 丁目, 番 and 号 alone before its
	 * municipality names its town before it */
	size_t le = i;
	while (le < e && (pii__is_digit(t->cp[le]) || t->cp[le] == '-'))
		le++;
	unit |= le < e && t->cp[le] == ',' && chome_lot(t, i, le);
	return unit ? w : i;
}

/* Flat 4, 27 Marlborough Road, …; Unit 12, 40 King Street, …: a British
 * or Australian address opens with its flat's word and number, then a
 * comma, before the house's number (thirty-fifth round). The address read
 * from the flat's number or the house's at i takes them; returns the new
 * start, or i. */
static size_t flat_before(const struct pii__text *t, size_t i)
{
	if (i < 4 || t->cp[i - 1] != ' ' || !pii__is_digit(t->cp[i]))
		return i;
	size_t n = i; /* the flat's number starts here */
	if (t->cp[i - 2] == ',') {
		/* read from the house's number: step over the flat's */
		n = i - 2;
		while (n > 0 && (pii__is_digit(t->cp[n - 1]) || pii__is_latin_upper(t->cp[n - 1])) &&
		       i - 2 - n < 5)
			n--;
		if (n == i - 2 || n < 2 || t->cp[n - 1] != ' ' || !pii__is_digit(t->cp[n]))
			return i;
	}
	static const char *const flats[] = {"Flat", "Unit", "Apartment", "Apt", "Suite", NULL};
	size_t m = pii__ends_with(t, n - 1 >= 9 ? n - 1 - 9 : 0, n - 1, flats);
	size_t w = n - 1 - m;
	if (!m || (w > 0 && pii__is_latin(t->cp[w - 1])))
		return i;
	return w;
}

/* 4812 Maple Ave, Apt 3B, Portland, OR 97215: an address in the United
 * States ends with its state's two capitals and its ZIP code (five digits,
 * or five, a hyphen and four), which the labelled sets give as a
 * POSTAL_CODE of its own, as in a Japanese address (seventeenth round
 * (b)). The code's start, or 0. */
static size_t us_zip_tail(const struct pii__text *t, size_t i, size_t e)
{
	size_t p = e;
	if (p >= i + 10 && t->cp[p - 5] == '-')
		p -= 5;
	if (p < i + 9)
		return 0;
	for (size_t q = p - 5; q < p; q++)
		if (!pii__is_digit(t->cp[q]))
			return 0;
	if (p != e)
		for (size_t q = p + 1; q < e; q++)
			if (!pii__is_digit(t->cp[q]))
				return 0;
	size_t z = p - 5;
	if (t->cp[z - 1] != ' ' || !pii__is_latin_upper(t->cp[z - 2]) ||
	    !pii__is_latin_upper(t->cp[z - 3]) || t->cp[z - 4] != ' ' || t->cp[z - 5] != ',')
		return 0;
	return z;
}

/* A Japanese address written in Latin letters (3-14-2 Kamimura, Ota-shi,
 * Gunma 373-0811) ends with its postal code, which the labelled sets give
 * as a POSTAL_CODE of its own (ninth round): the code's start when [i, e)
 * holds a municipality's romanised unit (-shi, -ku, -cho, -machi, -gun,
 * -mura) and ends with a space and ddd-dddd; else 0. Codes abroad
 * (ON M5K 1A1, 01304-001) stay in their address. */
static size_t japanese_postal_tail(const struct pii__text *t, size_t i, size_t e)
{
	static const char *const units[] = {"-shi", "-ku", "-cho", "-machi", "-gun", "-mura", NULL};
	if (e < i + 12 || t->cp[e - 9] != ' ' || t->cp[e - 5] != '-')
		return 0;
	for (size_t k = e - 8; k < e; k++)
		if (k != e - 5 && !pii__is_digit(t->cp[k]))
			return 0;
	for (size_t k = i; k + 3 < e - 9; k++)
		if (t->cp[k] == '-' && pii__match_any(t, k, units))
			return e - 8;
	return 0;
}

static int is_hangul(uint32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

/* A Korean address in Hangul: words ending in an administrative unit
 * (시, 도, 구, 군, 동, 로, 길, 읍, 면), at least two, then a number, and
 * optionally ", " and a room (서울특별시 강남구 테헤란로 152, 1203호). */
static size_t hangul_address_at(const struct pii__text *t, size_t i)
{
	static const uint32_t units[] = {0xC2DC /* 시 */, 0xB3C4 /* 도 */, 0xAD6C /* 구 */,
					 0xAD70 /* 군 */, 0xB3D9 /* 동 */, 0xB85C /* 로 */,
					 0xAE38 /* 길 */, 0xC74D /* 읍 */, 0xBA74 /* 면 */};
	size_t j = i, units_seen = 0;
	while (j < t->n && is_hangul(t->cp[j])) {
		size_t w = j;
		while (j < t->n && is_hangul(t->cp[j]) && j - w < 12)
			j++;
		for (size_t k = 0; k < YK_ARRAY_LEN(units); k++)
			units_seen += t->cp[j - 1] == units[k];
		if (j + 1 < t->n && t->cp[j] == ' ')
			j++;
		else
			return 0;
	}
	if (units_seen < 2 || j >= t->n || !pii__is_digit(t->cp[j]))
		return 0;
	/* 월드컵북로 12길 34: a numbered side road (…길, …로) before the
	 * building's number (thirteenth round (b)) */
	size_t d = j;
	while (d < t->n && pii__is_digit(t->cp[d]) && d - j < 4)
		d++;
	if (d + 2 < t->n && (t->cp[d] == 0xAE38 /* 길 */ || t->cp[d] == 0xB85C /* 로 */) &&
	    t->cp[d + 1] == ' ' && pii__is_digit(t->cp[d + 2]))
		j = d + 2;
	while (j < t->n && (pii__is_digit(t->cp[j]) || t->cp[j] == '-'))
		j++;
	size_t end = j;
	if (j + 2 < t->n && t->cp[j] == ',' && t->cp[j + 1] == ' ' && pii__is_digit(t->cp[j + 2])) {
		size_t k = j + 2;
		while (k < t->n && pii__is_digit(t->cp[k]))
			k++;
		if (k < t->n && t->cp[k] == 0xD638 /* 호 */)
			end = k + 1;
	}
	return end;
}

void pii__detect_foreign_address(const struct pii__text *t, struct pii__cands *c)
{
	for (size_t i = 0; pii__may_have_class(t, PII_CUE_HANGUL) && i < t->n; i++) {
		if (!is_hangul(t->cp[i]) || (i > 0 && is_hangul(t->cp[i - 1])))
			continue;
		size_t e = hangul_address_at(t, i);
		if (e) {
			pii__cand_add(c, t, i, e, PII_ADDRESS, 0.95);
			i = e;
		}
	}
	/* two items at least: ", " between them; or one after a label's
	 * colon */
	if ((!pii__may_have(t, ',') && !pii__may_have(t, ':') &&
	     !(pii__may_have(t, '-') && pii__may_have_any(t, prose_labels))) ||
	    !pii__may_have(t, ' '))
		return;
	for (size_t i = 0; i < t->n; i++) {
		uint32_t ch = t->cp[i];
		if (!(pii__is_digit(ch) || (pii__is_latin(ch) && pii__is_latin_upper(ch))) ||
		    (i > 0 && (pii__is_latin(t->cp[i - 1]) || pii__is_digit(t->cp[i - 1]) ||
			       t->cp[i - 1] == '-' || t->cp[i - 1] == '.' || t->cp[i - 1] == '@')))
			continue;
		size_t e = foreign_address_at(t, i);
		if (e) {
			i = romaji_town_before(t, i, e);
			i = flat_before(t, i);
			size_t p = japanese_postal_tail(t, i, e);
			if (!p)
				p = us_zip_tail(t, i, e);
			if (p) {
				pii__cand_add(c, t, i, p - 1, PII_ADDRESS, 0.95);
				pii__cand_add(c, t, p, e, PII_POSTAL_CODE, 0.95);
			} else {
				pii__cand_add(c, t, i, e, PII_ADDRESS, 0.95);
			}
			i = e;
		}
	}
}
