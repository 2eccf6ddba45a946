/* Unit tests for the "not personal" filter of src/pii (pii_public.c,
 * issue 14, fifth round): the data-driven cases of
 * tests/data/pii/cases_public.txt (exact spans), then each rule with a
 * text it must clear (an organisation's number) and one it must leave (a
 * person's number in the same layout). */
#include "../../bench/pii_markup.h"
#include "harness.h"
#include "pii/pii.h"
#include "text/text.h"

#define CASES_PUBLIC "tests/data/pii/cases_public.txt"

static struct pii_detector *det;
static struct pii_scanner *sc;

static int setup(void)
{
	if (sc)
		return 1;
	struct pii_config cfg = {0};
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	if (pii_detector_new(&cfg, &det, &ei)) {
		fprintf(stderr, "pii_detector_new: %s\n", ei.message);
		return 0;
	}
	if (pii_scanner_new(det, &sc, NULL)) {
		pii_detector_free(det);
		det = NULL;
		return 0;
	}
	return 1;
}

static void teardown(void)
{
	pii_scanner_free(sc);
	pii_detector_free(det);
	sc = NULL;
	det = NULL;
}

/* Number of spans of type ty found in s (a C string). */
static int count_type(const char *s, enum pii_type ty)
{
	const struct pii_span *sp;
	size_t n;
	if (pii_scan(sc, s, strlen(s), &sp, &n))
		return -1;
	int k = 0;
	for (size_t i = 0; i < n; i++)
		k += sp[i].type == ty;
	return k;
}

/* 1 when a span of type ty covers exactly the bytes of want in s. */
static int has_span(const char *s, enum pii_type ty, const char *want)
{
	const struct pii_span *sp;
	size_t n;
	if (pii_scan(sc, s, strlen(s), &sp, &n))
		return -1;
	size_t wl = strlen(want);
	for (size_t i = 0; i < n; i++)
		if (sp[i].type == ty && sp[i].byte_end - sp[i].byte_start == wl &&
		    memcmp(s + sp[i].byte_start, want, wl) == 0)
			return 1;
	return 0;
}

TEST(cases_public_give_exactly_their_labels)
{
	REQUIRE(setup());
	struct yk_buf file;
	yk_buf_init(&file, 1u << 20);
	struct markup_line ml;
	yk_buf_init(&ml.text, PII_INPUT_MAX);
	REQUIRE(markup_read_file(CASES_PUBLIC, &file) == 0);
	unsigned lines = 0, bad = 0, gold = 0, negatives = 0;
	size_t i = 0, lineno = 0;
	while (i < file.len) {
		size_t e = i;
		while (e < file.len && file.data[e] != '\n')
			e++;
		lineno++;
		if (e > i && file.data[i] != '#') {
			CHECK_INT(markup_parse(file.data + i, e - i, &ml), 0);
			const char *text = ml.text.data ? ml.text.data : "";
			const struct pii_span *sp;
			size_t n;
			CHECK_INT(pii_scan(sc, text, ml.text.len, &sp, &n), 0);
			int same = n == ml.nspan;
			for (size_t k = 0; same && k < n; k++)
				same = sp[k].start == ml.span[k].start && sp[k].end == ml.span[k].end &&
				       sp[k].type == ml.span[k].type;
			if (!same) {
				bad++;
				fprintf(stderr, "  %s:%zu: spans differ: %.*s\n", CASES_PUBLIC, lineno,
					(int)(e - i), file.data + i);
			}
			lines++;
			gold += (unsigned)ml.nspan;
			negatives += ml.nspan == 0;
		}
		i = e + 1;
	}
	CHECK(lines >= 30);     /* the file was read */
	CHECK(gold >= 25);      /* with persons' values that must stay */
	CHECK(negatives >= 15); /* and organisations' that must go */
	CHECK_INT(bad, 0);
	yk_buf_release(&ml.text);
	yk_buf_release(&file);
}

/* An organisational unit before the number in its sentence. */
TEST(unit_before_the_number)
{
	REQUIRE(setup());
	CHECK_INT(count_type("国保年金課（電話 0299-55-2231）へどうぞ。", PII_PHONE), 0);
	CHECK_INT(count_type("みどり市社会福祉協議会 0299-55-7711", PII_PHONE), 0);
	/* a word that only begins like a unit (課長, 課税) is none */
	CHECK_INT(count_type("課税の件で 0299-61-4455 に電話した。", PII_PHONE), 1);
	/* a note in brackets on the unit does not part it from the number */
	CHECK_INT(count_type("環境保全課（交通公害・騒音振動担当）。電話 0299-55-6305", PII_PHONE),
		  0);
	CHECK_INT(count_type("健康福祉部 包括支援担当 電話 0299-55-6356", PII_PHONE), 0);
	/* the number must follow the unit closely */
	CHECK_INT(count_type("市民課で住民票を取得した際の連絡先 0299-61-4455", PII_PHONE), 1);
	/* a person in between owns the number */
	CHECK_INT(count_type("国保年金課に来た方の電話 0299-61-4455", PII_PHONE), 1);
	CHECK_INT(count_type("国保年金課 相談者の自宅 0299-61-4455", PII_PHONE), 1);
	/* a mobile after a section's name is a person's */
	CHECK_INT(count_type("国保年金課 090-1122-3344", PII_PHONE), 1);
	/* a one-character suffix needs two kanji before it (一部, 教室) */
	CHECK_INT(count_type("全部 0299-61-4455 です", PII_PHONE), 1);
}

/* A sentence that is only the number belongs to the sentence before. */
TEST(number_alone_after_the_office_sentence)
{
	REQUIRE(setup());
	CHECK_INT(count_type("保育課までお電話ください。電話 0299-55-2450", PII_PHONE), 0);
	CHECK_INT(count_type("保育課に相談しました。自宅 0299-61-2450", PII_PHONE), 1);
	CHECK_INT(count_type("保育課に相談しました。折り返しは 0299-61-2450 です。", PII_PHONE),
		  1);
}

/* Opening hours are an office's. */
TEST(opening_hours)
{
	REQUIRE(setup());
	CHECK_INT(count_type("受付時間 平日9時～17時 TEL 0299-55-3000", PII_PHONE), 0);
	CHECK_INT(count_type("受付時間に本人から電話 0299-61-3000", PII_PHONE), 1);
}

/* A unit word inside another value (a town, a bank branch) is no unit. */
TEST(unit_inside_another_value)
{
	REQUIRE(setup());
	CHECK_INT(count_type("連絡先 成田市加良部3-7-2 0476-29-8807", PII_PHONE), 1);
	CHECK_INT(count_type("加良部センター 0476-29-8807", PII_PHONE), 0);
}

/* An address or postal code only right after the unit. */
TEST(address_right_after_the_unit)
{
	REQUIRE(setup());
	CHECK_INT(count_type("株式会社みどり設備 みどり市本町3-4-5", PII_ADDRESS), 0);
	CHECK_INT(count_type("市民課で手続きし、転居先はみどり市本町3-4-5", PII_ADDRESS), 1);
}

/* Contact lines of a signature block under an office's lines. */
TEST(signature_block)
{
	REQUIRE(setup());
	CHECK_INT(count_type("--\n子ども支援課\n担当 主査\nTEL 0299-55-2670", PII_PHONE), 0);
	CHECK_INT(count_type("株式会社みどり\n〒350-1234 みどり市本町3-4-5", PII_POSTAL_CODE), 0);
	/* signed by a person */
	CHECK_INT(count_type("--\n山田 太郎様\n子ども支援課\nTEL 0299-61-2670", PII_PHONE), 1);
	/* a line of a letter's body is no signature line */
	CHECK_INT(count_type("子ども支援課に相談したいと思いますので、よろしくお願いします。\n"
			     "TEL 0299-61-2670",
			     PII_PHONE),
		  1);
	/* a blank line ends the block */
	CHECK_INT(count_type("子ども支援課\n\nTEL 0299-61-2670", PII_PHONE), 1);
	/* the block under an addressee is the sender's */
	CHECK_INT(count_type("福祉課 御中\n〒350-1133 みどり市西町1-2-3", PII_ADDRESS), 1);
}

/* （代） is the switchboard. */
TEST(switchboard)
{
	REQUIRE(setup());
	CHECK_INT(count_type("みどり運輸（代）0299-58-1000", PII_PHONE), 0);
	CHECK_INT(count_type("みどり運輸 0299-58-1000（代）", PII_PHONE), 0);
	CHECK_INT(count_type("代理人 0299-58-1000", PII_PHONE), 1);
}

/* Shared mailboxes. */
TEST(shared_mailbox)
{
	REQUIRE(setup());
	CHECK_INT(count_type("送り先 info@midori-kanko.example.jp", PII_EMAIL), 0);
	CHECK_INT(count_type("送り先 kosodate-ka@example.jp", PII_EMAIL), 0);
	CHECK_INT(count_type("共有アドレス midori-team2@example.jp", PII_EMAIL), 0);
	CHECK_INT(count_type("送り先 kodomo-seisaku@city.midori.example.lg.jp", PII_EMAIL), 0);
	CHECK_INT(count_type("送り先 taro.info@example.jp", PII_EMAIL), 1);
	CHECK_INT(count_type("送り先 toshi.yamada@example.jp", PII_EMAIL), 1);
	CHECK_INT(count_type("送り先 hanako.sato@example.jp", PII_EMAIL), 1);
	CHECK_INT(count_type("共有アドレスは使わず、山田様の hanako.sato@example.jp へ", PII_EMAIL),
		  1);
	/* seventh round: a section's word after a ward's or a service's name
	 * joined by a hyphen; a person's given name and surname stay */
	CHECK_INT(count_type("送り先 wakabayashi-jumin@example.jp", PII_EMAIL), 0);
	CHECK_INT(count_type("送信元 smart-shinsei@example.jp", PII_EMAIL), 0);
	CHECK_INT(count_type("送り先 yuko-mori@example.jp", PII_EMAIL), 1);
	CHECK_INT(count_type("送り先 t-yamada@example.jp", PII_EMAIL), 1);
}

/* A number after a service's named line (seventh round). */
TEST(service_dial)
{
	REQUIRE(setup());
	CHECK_INT(count_type("ねんきんダイヤル 0570-05-1165", PII_PHONE), 0);
	CHECK_INT(count_type("マイナンバー総合フリーダイヤル 0120-95-0178（全国共通）", PII_PHONE), 0);
	CHECK_INT(count_type("フリーダイヤル 0120-95-0178", PII_PHONE), 1);
	CHECK_INT(count_type("折り返しはフリーダイヤル 0120-95-0178 へ", PII_PHONE), 1);
}

/* A form's made-up sample holds nothing personal (seventh round). */
TEST(sample_text)
{
	REQUIRE(setup());
	CHECK_INT(count_type("記入例（窓口掲示）\n氏名：青葉 花子\n電話：0299-11-2222", PII_PHONE), 0);
	CHECK_INT(count_type("※見本の「市役所 一郎」は架空のものです", PII_PERSON), 0);
	CHECK_INT(count_type("記入例の件\n吉川 奈緒様 電話 0299-11-2222", PII_PHONE), 1);
	CHECK_INT(count_type("架空請求の相談\n吉川 奈緒様 電話 0299-11-2222", PII_PHONE), 1);
}

/* A unit in brackets right after the number. */
TEST(unit_in_brackets_after)
{
	REQUIRE(setup());
	CHECK_INT(count_type("TEL 0299-55-2204（財政課直通）", PII_PHONE), 0);
	CHECK_INT(count_type("TEL 0299-55-2204（中央保健センター）", PII_PHONE), 0);
	CHECK_INT(count_type("お電話は 0299-55-1000（市役所代表）へ。", PII_PHONE), 0);
	/* a room or a hospital may be a person's workplace, and a person
	 * named shortly before may be reached there */
	CHECK_INT(count_type("TEL 0299-61-2204（研究室）", PII_PHONE), 1);
	CHECK_INT(count_type("講師 山田 太郎 氏\n電話 0299-61-2204（財政課）", PII_PHONE), 1);
	CHECK_INT(count_type("TEL 0299-61-2204（財政課の方）", PII_PHONE), 1);
	CHECK_INT(count_type("TEL 0299-61-2204（課長の自宅）", PII_PHONE), 1);
}

/* One-character units (館, 園, 社, 店, 院) after two kanji or katakana;
 * 薬局 and 医院 as words. */
TEST(one_character_units)
{
	REQUIRE(setup());
	CHECK_INT(count_type("みどり中央児童館 電話 0299-58-1212", PII_PHONE), 0);
	CHECK_INT(count_type("みどり駅前薬局 0299-57-3321", PII_PHONE), 0);
	CHECK_INT(count_type("楽園 0299-58-1212", PII_PHONE), 1); /* one kanji before */
	CHECK_INT(count_type("館長 0299-58-1212", PII_PHONE), 1);
}

/* Accounts held by an organisation. */
TEST(organisation_holder)
{
	REQUIRE(setup());
	CHECK_INT(count_type("振込先 みどり銀行 本店 普通 1234567 口座名義 みどり市会計管理者",
			     PII_JP_BANK_ACCOUNT),
		  0);
	CHECK_INT(count_type("振込先 みどり銀行 本店 普通 1234567 口座名義 ヤマダ タロウ",
			     PII_JP_BANK_ACCOUNT),
		  1);
	/* the holder is looked for in the account's own clause */
	CHECK_INT(count_type("振込先 みどり銀行 本店 普通 1234567。株式会社みどりの名義の口座とは別",
			     PII_JP_BANK_ACCOUNT),
		  1);
}

/* PERSON candidates that are no persons. */
TEST(not_a_person)
{
	REQUIRE(setup());
	CHECK_INT(count_type("口座番号,口座名義\n7654321,みどり市会計管理者", PII_PERSON), 0);
	CHECK_INT(count_type("口座番号,口座名義\n7654321,みどり市会計管理者", PII_JP_BANK_ACCOUNT),
		  0);
	CHECK_INT(count_type("口座番号,口座名義\n7654321,ヤマダ タロウ", PII_JP_BANK_ACCOUNT), 1);
	CHECK_INT(count_type("カードは Visa、Diners Club です。", PII_PERSON), 0);
	CHECK_INT(count_type("担当は John Smith さんです。", PII_PERSON), 1);
	CHECK_INT(count_type("交付件数 12,345 通、前年 11,002 通。", PII_PERSON), 0);
	/* a title after a role and の is no staff member's surname (a real
	 * city's FAQ answer); a surname there is one */
	CHECK_INT(count_type("保健指導は主治医の先生に相談してから申し込んでください。", PII_PERSON),
		  0);
	CHECK_INT(count_type("ケアマネの坂本が12月4日に訪問します。", PII_PERSON), 1);
	teardown();
}

/* A directory of offices written on one line, entries separated by ／ or
 * 、 (ninth round); a person's list of the same shape keeps its numbers. */
TEST(directory_on_one_line)
{
	REQUIRE(setup());
	CHECK_INT(count_type("窓口一覧\n北区 011-757-2400／東区 011-741-2400", PII_PHONE), 0);
	CHECK_INT(count_type("役場\n大空町 0152-74-2114、美幌町 0152-73-1115", PII_PHONE), 0);
	/* one entry alone is no directory; a person named before keeps it */
	CHECK_INT(count_type("窓口\n北区 011-757-2400 まで", PII_PHONE), 1);
	CHECK_INT(count_type("山口 恵 旭川市 0166-12-3456／札幌市 011-765-4321", PII_PHONE), 2);
	/* under a heading that names offices the entries' names are
	 * districts, not persons; a list of staff keeps them */
	CHECK_INT(count_type("各支所の電話番号：中之島 0258-66-2114、越路 0258-92-3114",
			     PII_PHONE),
		  0);
	CHECK_INT(count_type("各支所の電話番号：中之島 0258-66-2114、越路 0258-92-3114",
			     PII_PERSON),
		  0);
	CHECK_INT(count_type("窓口担当：山田 0299-11-1111、佐藤 0299-22-2222", PII_PHONE), 2);
	/* a mobile is never an office's entry */
	CHECK_INT(count_type("北区 090-1111-2222／東区 080-3333-4444", PII_PHONE), 2);
}

/* A value named a sample by a bracket after it or a marker before it on
 * its line; a number at an end of a range (ninth round). */
TEST(sample_values_and_ranges)
{
	REQUIRE(setup());
	CHECK_INT(count_type("口座番号欄の記載例：1234567（普通預金の場合）", PII_JP_BANK_ACCOUNT),
		  0);
	CHECK_INT(count_type("住民票コード：12345678901（記入例）", PII_JP_RESIDENT_CODE), 0);
	CHECK_INT(count_type("在留カード番号（例：XY98765432AB）の欄", PII_JP_RESIDENCE_CARD), 0);
	CHECK_INT(count_type("基礎年金番号 1000000001～1000000099 を割り当て",
			     PII_JP_BASIC_PENSION_NUMBER),
		  0);
	/* 例 as part of a word, or a sample word in a sentence, is no marker */
	CHECK_INT(count_type("例えば、私の電話は 090-1234-5678 です", PII_PHONE), 1);
	CHECK_INT(count_type("条例（個人情報保護条例）により 090-1234-5678 へ連絡", PII_PHONE), 1);
	CHECK_INT(count_type("記入例を見て書きました。電話 090-1234-5678", PII_PHONE), 1);
	/* a marker of another sentence says nothing of the value */
	CHECK_INT(count_type("次の文を直して（例：敬語に）。山田さんの電話は090-1234-5678です",
			     PII_PHONE),
		  1);
	CHECK_INT(count_type("基礎年金番号 1000000001 と 1000000099", PII_JP_BASIC_PENSION_NUMBER),
		  2);
}

/* An account followed by a company's legal form in kana (ninth round). */
TEST(legal_form_holder)
{
	REQUIRE(setup());
	CHECK_INT(count_type("振込先：みちのく銀行 本店 普通 7654321 ｶ)ｱｵﾓﾘｹﾝｾﾂ",
			     PII_JP_BANK_ACCOUNT),
		  0);
	CHECK_INT(count_type("振込先：みちのく銀行 本店 普通 7654321　カ）アオモリケンセツ",
			     PII_JP_BANK_ACCOUNT),
		  0);
	CHECK_INT(count_type("振込先：みちのく銀行 本店 普通 7654321 ｻｻｷ ﾀﾛｳ",
			     PII_JP_BANK_ACCOUNT),
		  1);
}

/* The text of the first span of type ty found in s, or "" (at most 127
 * bytes). */
static const char *span_text(const char *s, enum pii_type ty)
{
	static char out[128];
	const struct pii_span *sp;
	size_t n;
	out[0] = '\0';
	if (pii_scan(sc, s, strlen(s), &sp, &n))
		return out;
	for (size_t i = 0; i < n; i++)
		if (sp[i].type == ty && sp[i].byte_end - sp[i].byte_start < sizeof(out)) {
			memcpy(out, s + sp[i].byte_start, sp[i].byte_end - sp[i].byte_start);
			out[sp[i].byte_end - sp[i].byte_start] = '\0';
			break;
		}
	return out;
}

/* Twenty-second round (b), written as probes so the learned model is not
 * retrained: each rule with a text it must take and a look-alike. */
TEST(twenty_second_round_b)
{
	REQUIRE(setup());
	/* a public body's corporate number (X000020 + its code, X000012 for
	 * an organ of the State) is published and no one's; a company's
	 * number with a passing check digit is kept */
	CHECK_INT(count_type("函館市の法人番号 9000020012025 を入札参加資格の申請書に書く。",
			     PII_JP_CORPORATE_NUMBER),
		  0);
	CHECK_INT(count_type("発注機関：総務局（法人番号 5000012080001）", PII_JP_CORPORATE_NUMBER),
		  0);
	CHECK_INT(count_type("相談者：三浦 一郎（株式会社みうら設計 法人番号 4010001234567）",
			     PII_JP_CORPORATE_NUMBER),
		  1);
	/* twelve digits after another number's label are that label's */
	CHECK_INT(count_type("工事番号 202503110042 の設計変更を協議した。", PII_JP_MY_NUMBER), 0);
	CHECK_INT(count_type("発注番号：198704220132（緊急修繕）", PII_JP_MY_NUMBER), 0);
	CHECK_INT(count_type("個人番号を変更しました。旧番号 202503110042 は使えません。",
			     PII_JP_MY_NUMBER),
		  1);
	CHECK_INT(count_type("申出人 三浦 一郎、番号 202503110042", PII_JP_MY_NUMBER), 1);
	/* 街区 and 号 of the residence indication */
	CHECK_STR(span_text("住所：北浜市青葉台3街区15号", PII_ADDRESS), "北浜市青葉台3街区15号");
	CHECK_INT(count_type("北浜市青葉台3街区の公園で清掃を行います。", PII_ADDRESS), 0);
	/* a room after the house's 号 and a space */
	CHECK_STR(span_text("転居先は 北浜市青葉台2丁目4番7号 105号室 です。", PII_ADDRESS),
		  "北浜市青葉台2丁目4番7号 105号室");
	CHECK_STR(span_text("北浜市青葉台2丁目4番7号 3名で来庁。", PII_ADDRESS),
		  "北浜市青葉台2丁目4番7号");
	/* a building named in hiragana before its word */
	CHECK_STR(span_text("住所：北浜市青葉台2丁目4-12 さくら荘3号室", PII_ADDRESS),
		  "北浜市青葉台2丁目4-12 さくら荘3号室");
	CHECK_STR(span_text("住所：北浜市青葉台2丁目4-12 ちかくの寮に移る予定", PII_ADDRESS),
		  "北浜市青葉台2丁目4-12");
	/* an address before の and a public body's building */
	CHECK_INT(count_type("説明会は北浜市青葉台1丁目1番1号の市役所3階で行います。",
			     PII_ADDRESS),
		  0);
	CHECK_INT(count_type("申請者の住所は北浜市青葉台2丁目4番7号の自宅です。", PII_ADDRESS),
		  1);
	/* a landline after a sentence telling the reader to phone a section */
	CHECK_INT(count_type("ごみの収集日は環境衛生課に電話して確認してください。電話番号は 0299-55-1234 です。",
			     PII_PHONE),
		  0);
	CHECK_INT(count_type("急ぎのときは母に電話してください。電話番号は 0299-55-1234 です。",
			     PII_PHONE),
		  1);
	/* an office named in Spanish or Portuguese before its number */
	CHECK_INT(count_type("Oficina Municipal de Kitahama — Tel. 0299-55-1234 (lunes a viernes).",
			     PII_PHONE),
		  0);
	CHECK_INT(count_type("Prefeitura de Kitahama, Tel. 0299-55-1234", PII_PHONE), 0);
	CHECK_INT(count_type("Mi hermana Ana — Tel. 0299-55-1234 (lunes a viernes).", PII_PHONE), 1);
}

/* Latin names of the twenty-second round (a): probes rather than labelled
 * lines, so the learned model is not retrained. */
TEST(latin_names_22a)
{
	REQUIRE(setup());
	/* glued to a role or relation: the whole run, not its first word */
	CHECK_INT(has_span("世帯主は父Maria Jose Fernandes、長男は中学生。", PII_PERSON,
			   "Maria Jose Fernandes"),
		  1);
	CHECK_INT(has_span("同居人Maria Fernandes（会社員）。", PII_PERSON, "Maria Fernandes"), 1);
	/* a widow's or wife's marker with its full stop before a particle */
	CHECK_INT(has_span("相談者：Lucia Gomez Vda. de Ortiz、要支援1。", PII_PERSON,
			   "Lucia Gomez Vda. de Ortiz"),
		  1);
	/* not before a capitalised word: the full stop ends the name */
	CHECK_INT(has_span("相談者：Lucia Gomez Sr. Ortiz、要支援1。", PII_PERSON,
			   "Lucia Gomez Sr. Ortiz"),
		  0);
	/* surname, given names inside a phrase of Latin words is an office's
	 * name and a town, no person; at a line's start it is one */
	CHECK_INT(count_type("Centro de Apoyo para Residentes, Ciudad de Kani — horario de 9 a 17.",
			     PII_PERSON),
		  0);
	CHECK_INT(has_span("Gomez, Lucia Maria\n在留カード番号は別紙", PII_PERSON,
			   "Gomez, Lucia Maria"),
		  1);
	/* a resident record's alias or real name in katakana words: the
	 * whole value; katakana nouns there are no name */
	CHECK_INT(has_span("氏名：KOVALENKO OLEG\n通称：コワレンコ オレグ\n国籍：ウクライナ",
			   PII_PERSON, "コワレンコ オレグ"),
		  1);
	CHECK_INT(count_type("通称：ケアプラン センター\n国籍：ブラジル", PII_PERSON), 0);
	CHECK_INT(count_type("本名：カスタマー サポート", PII_PERSON), 0);
	/* a note signed after a dash (folded to '-') like a wave dash, and
	 * closed by a reported 「とのこと。」; not a place after a statement */
	CHECK_INT(has_span("明日の検針は午前中に伺うと伝えました。—藤崎", PII_PERSON, "藤崎"), 1);
	CHECK_INT(has_span("給湯器は明後日交換とのこと。—稲垣", PII_PERSON, "稲垣"), 1);
	CHECK_INT(count_type("会場は駅前です。—京都", PII_PERSON), 0);
	CHECK_INT(count_type("ごみ集積所の清掃日程 4月—5月。—東京", PII_PERSON), 0);
}

TEST(twenty_third_round)
{
	REQUIRE(setup());
	/* a surname with a given name in katakana glued after it and a
	 * particle: the whole name; a katakana word after a surname (an
	 * office, a shop) is no given name */
	CHECK_INT(has_span("訪問記録：長女の山下 彩と面談。山下トミエは自宅で療養中。", PII_PERSON,
			   "山下トミエ"),
		  1);
	CHECK_INT(has_span("相談：松井ミドリの件、松井 健から電話。", PII_PERSON, "松井ミドリ"), 1);
	CHECK_INT(has_span("川口 健の件で、川口センターに連絡した。", PII_PERSON, "川口センター"), 0);
	CHECK_INT(has_span("長男 山下 彩と面談。山下ストアで買い物をした。", PII_PERSON, "山下ストア"),
		  0);
	/* a given name of one kanji of a full name in the text, again alone
	 * as a sentence's subject; the same kanji inside a phrase is a word */
	CHECK_INT(has_span("相談記録：長男 井上 翼（中2）。昨夜、翼が家に帰らなかった。", PII_PERSON,
			   "翼"),
		  1);
	CHECK_INT(has_span("ケース記録：長女 小松 茜（小3）。茜は学校を休んでいる。", PII_PERSON, "茜"),
		  1);
	CHECK_INT(count_type("相談記録：長男 井上 翼（中2）の件。模型は左の翼が折れていた。", PII_PERSON),
		  1);
	CHECK_INT(count_type("ケース記録：長女 小松 茜（小3）。夕焼けで空は茜色だった。", PII_PERSON), 1);
	/* a chat log's speaker line after its channel or unit in square
	 * brackets (a one-kanji given name too), when another speaker line
	 * of the log is a name found; words on such lines with no name
	 * found in the log stay none */
	CHECK_INT(has_span("[第2分団] 森下 亮 8:02\n倒木で県道が通行止め\n"
			   "[本部 総務班] 川端 8:05\n了解しました",
			   PII_PERSON, "川端"),
		  1);
	CHECK_INT(count_type("[お知らせ] 防災 訓練 9:00\n会場は体育館\n"
			     "[お知らせ] 給水 所 10:00\n北公園",
			     PII_PERSON),
		  0);
	/* a meeting's participants after 参加：, surnames with a unit in
	 * brackets, when the list holds a name found; places listed the same
	 * way with no name among them stay none */
	CHECK_INT(has_span("定例会議メモ 11/20\n参加：小野寺（福祉）、森 千春（保健）、杉浦（教育）\n"
			   "議題：見守り体制",
			   PII_PERSON, "杉浦"),
		  1);
	CHECK_INT(count_type("研修の記録\n参加：北浜（本庁）、南浜（支所）の両地区", PII_PERSON), 0);
	CHECK_INT(count_type("説明会のご案内\n参加：無料、申込不要（先着順）\n会場：市民会館", PII_PERSON),
		  0);
}

TEST(twenty_fourth_round_c)
{
	REQUIRE(setup());
	/* a date of birth written month first (the United States' forms),
	 * read only where no day-first reading fits; dots are not that form */
	CHECK_INT(has_span("Client: Maria Santos\nDate of Birth: 11/23/1975\nVisa: spouse",
			   PII_DATE_OF_BIRTH, "11/23/1975"),
		  1);
	CHECK_INT(count_type("Client: Maria Santos\nDate of Birth: 11.23.1975\nVisa: spouse",
			     PII_DATE_OF_BIRTH),
		  0);
	/* an English export's dob column; the date of another column is not
	 * a birth */
	CHECK_INT(has_span("case_id,dob,opened\nK-3,2019-05-30,2026-11-02", PII_DATE_OF_BIRTH,
			   "2019-05-30"),
		  1);
	CHECK_INT(count_type("case_id,dob,opened\nK-3,2019-05-30,2026-11-02", PII_DATE_OF_BIRTH), 1);
	CHECK_INT(count_type("case_id,opened,closed\nK-3,2019-05-30,2026-11-02", PII_DATE_OF_BIRTH),
		  0);
	/* a romanised address after a sentence that says it is the writer's,
	 * or after Endereço:; the same words after "is at" stay none */
	CHECK_INT(has_span("Hi, my address is Chatan-cho Mihama 9-4-2 and I need a form.",
			   PII_ADDRESS, "Chatan-cho Mihama 9-4-2"),
		  1);
	CHECK_INT(count_type("The new library is at Chatan-cho Mihama 9-4-2 and opens soon.",
			     PII_ADDRESS),
		  0);
	CHECK_INT(has_span("Nome: Ana Souza\nEndereço: Uruma-shi Gushikawa 1120-3\nFilhos: 2",
			   PII_ADDRESS, "Uruma-shi Gushikawa 1120-3"),
		  1);
	/* a lot, its town and an English city's unit, a date before it
	 * left out; a score before a city's name is no address */
	CHECK_INT(has_span("Caller: DOB 1985-02-11, 7-3-12 Takahara, Uruma City. Asked about tax.",
			   PII_ADDRESS, "7-3-12 Takahara, Uruma City"),
		  1);
	CHECK_INT(count_type("The final ended 2-1, Uruma City lost on penalties.", PII_ADDRESS), 0);
	/* an office's notice opened by Notice: and the office in its first
	 * sentence: its phone, address and code are the office's; a notice
	 * of one's own move names no office */
	const char *office = "Notice: Uruma City Hall is closed on Monday. Call 098-974-3114. "
			     "Address: 1-1-1 Midori-cho, Uruma City 904-2292.";
	CHECK_INT(count_type(office, PII_PHONE), 0);
	CHECK_INT(count_type(office, PII_ADDRESS), 0);
	CHECK_INT(count_type(office, PII_POSTAL_CODE), 0);
	CHECK_INT(count_type("Notice: we moved. The new address is 1-1-1 Midori-cho, Uruma City "
			     "904-2292.",
			     PII_ADDRESS),
		  1);
	/* a sole proprietor's place of business; a company's stays none */
	CHECK_INT(has_span("青色申告決算書\n氏名：森川 健太\n屋号：もりかわ塗装\n"
			   "事業所所在地：松江市東津田町1204-3\n売上：5,120,000円",
			   PII_ADDRESS, "松江市東津田町1204-3"),
		  1);
	CHECK_INT(count_type("法人の届出\n法人名：株式会社もりかわ塗装\n代表者：森川 健太\n"
			     "所在地：松江市東津田町1204-3\n設立：令和8年4月1日",
			     PII_ADDRESS),
		  0);
	/* an office's landline in a guidance naming no one: given as the
	 * section's, or alone after the venue at an office; a resident's
	 * number after writing to a section is kept */
	CHECK_INT(count_type("出雲市 税務課のFAX番号は 0853-21-6677 です。", PII_PHONE), 0);
	CHECK_INT(count_type("税務課に書類を送りました。FAXは 0853-21-6677 です。", PII_PHONE), 1);
	CHECK_INT(count_type("「相談会を毎月開いています。会場は雲南市役所2階、第3会議室です。"
			     "電話 0854-40-1000」",
			     PII_PHONE),
		  0);
	CHECK_INT(count_type("「相談会を毎月開いています。予約は不要です。電話 0854-40-1000」",
			     PII_PHONE),
		  1);
	/* the end of a range of another label's numbers; without the label
	 * the check digit decides */
	CHECK_INT(count_type("整理番号 202612010457 〜 202612010988 の通知書を再発行します。",
			     PII_JP_MY_NUMBER),
		  0);
	CHECK_INT(count_type("予備 202612010457 〜 202612010988 の通知書", PII_JP_MY_NUMBER), 2);
	/* a My Number printed 4-4-4 filling a tab cell, though mistyped; the
	 * same in a sentence is left to its check digit */
	CHECK_INT(has_span("転入\tR8.11.02\t森 太郎\t雲南市木次町里方5-1\t5182 7740 6136\t世帯主",
			   PII_JP_MY_NUMBER, "5182 7740 6136"),
		  1);
	CHECK_INT(count_type("控えの番号は 5182 7740 6136 です。", PII_JP_MY_NUMBER), 0);
}

/* Twenty-fourth round (a): names in memos, hand-overs and chats with no
 * honorific (pii__memo_names() and the chat and signature rules of
 * src/pii/pii_bare.c); invented, in other words than blind batches
 * 130-133. Probes, not labelled lines: they do not retrain the model. */
TEST(twenty_fourth_round_a)
{
	REQUIRE(setup());
	/* a staff member's surname before a particle whose sequel says a
	 * member acts, in a memo that names someone; a unit, a place the
	 * text writes as one, a count or a plan's month in the same place
	 * stay none */
	CHECK_INT(has_span("申出人 平田 和也さんの転出証明の再発行、石原が対応予定。", PII_PERSON,
			   "石原"),
		  1);
	CHECK_INT(has_span("吉川から引継ぎ：Diego Ramos（ペルー国籍）の転出届の控えが未回収。",
			   PII_PERSON, "吉川"),
		  1);
	CHECK_INT(has_span("年金担当森田より：申出人 平田 和也さんの受付分は処理済み。", PII_PERSON,
			   "森田"),
		  1);
	CHECK_INT(has_span("業務申し送り\n松永は窓口の混雑状況を記録。\n・石原が公民館で待機。",
			   PII_PERSON, "松永"),
		  1);
	CHECK_INT(count_type("返戻の件、会計課が銀行へ照会中。", PII_PERSON), 0);
	CHECK_INT(count_type("引継ぎメモ\n本庁は9時から受付。", PII_PERSON), 0);
	CHECK_INT(count_type("宮崎県の補助金、宮崎は9時から受付。", PII_PERSON), 0);
	CHECK_INT(count_type("決算は10月に公表、世帯数は35,120世帯。", PII_PERSON), 0);
	/* the katakana part or the kanji surname of a name found, written
	 * again alone; a katakana word of no name found stays none */
	CHECK_INT(has_span("相談者：モラエス　ジュリオ（40代）\nジュリオは月曜に再来所の予定。",
			   PII_PERSON, "ジュリオ"),
		  1);
	CHECK_INT(has_span("対象者：仁多　トメ\n仁多本人は「まだ歩ける」と話す。", PII_PERSON,
			   "仁多"),
		  1);
	CHECK_INT(count_type("会場：コミュニティ　ホール\nホールは9時開場。", PII_PERSON), 0);
	/* a katakana given name in brackets after a relation, written again
	 * or read as a given name; work in the brackets is none */
	CHECK_INT(has_span("夫（ロベルト）に説明。ロベルトは日本語可。", PII_PERSON, "ロベルト"), 1);
	CHECK_INT(count_type("妻（パート）の収入は月8万円。", PII_PERSON), 0);
	/* chat speakers: one kanji before the unit another speaker found
	 * writes; a surname, the time and the post on one line, in a log
	 * where a speaker speaks twice; a timetable and one-kanji units stay
	 * none */
	CHECK_INT(has_span("[9:02] 吉村（防災係）：了解です\n[9:05] 森（防災係）：こちらも確認します",
			   PII_PERSON, "森"),
		  1);
	CHECK_INT(count_type("松永 9:12 おはようございます\n石原 9:15 了解です\n松永 9:16 よろしく",
			     PII_PERSON),
		  3);
	CHECK_INT(count_type("開会 10:00 市長挨拶\n閉会 12:00 事務局より連絡", PII_PERSON), 0);
	CHECK_INT(count_type("[9:00] 本部（災対）：開始\n[9:05] 市（災対）：了解", PII_PERSON), 0);
	/* the taker after 受：, signatures after a unit with hiragana and
	 * after 職員; a label's value and a note's word stay none */
	CHECK_INT(has_span("対応：福祉課へ回付（受：森田）", PII_PERSON, "森田"), 1);
	CHECK_INT(has_span("書類をお持ちください。\n— 松江市 子ども家庭課 若槻", PII_PERSON, "若槻"),
		  1);
	CHECK_INT(has_span("（デイサービス東町 介護職員 福間）", PII_PERSON, "福間"), 1);
	CHECK_INT(count_type("受付：9時から（受：済）", PII_PERSON), 0);
	CHECK_INT(count_type("（松江市 子ども家庭課 内部資料）", PII_PERSON), 0);
	/* two kanji in brackets after a full name in Latin letters are a
	 * note; a spelling of three kanji, or a Chinese name's two, stays */
	CHECK_INT(count_type("Megan Tamashiro（主婦、二児の母）から電話。", PII_PERSON), 1);
	CHECK_INT(has_span("Kenta Oshiro（大城健太）から電話。", PII_PERSON, "大城健太"), 1);
	CHECK_INT(has_span("Li Na（李娜）から電話。", PII_PERSON, "李娜"), 1);
	/* 市長 at the start of a town's name (…市長谷町) is no mayor's title;
	 * a surname before 市長 and a particle keeps it */
	CHECK_INT(count_type("倉吉市長谷町の倉庫で在庫を確認。", PII_PERSON), 0);
	CHECK_INT(has_span("式典では田中市長が挨拶した。", PII_PERSON, "田中"), 1);
}

/* twenty-fourth round (b): probes in C (no labelled line, so the model is
 * not retrained by them) */
TEST(twenty_fourth_round_b)
{
	REQUIRE(setup());
	/* a relative's full name glued to the relation, the given name in
	 * hiragana before a particle; a relation glued to a word that is no
	 * surname stays none */
	CHECK_INT(has_span("妻大山　みどりが来庁。", PII_PERSON, "大山　みどり"), 1);
	CHECK_INT(count_type("母校舎 みどりの窓口へ", PII_PERSON), 0);
	/* one katakana word as the whole value of a person's field; a role
	 * or a form's word there is none */
	CHECK_INT(has_span("引取人：ベアトリス（本人確認：マイナンバーカード）", PII_PERSON, "ベアトリス"),
		  1);
	CHECK_INT(has_span("旧姓から変更後の氏：オリヴェイラ\n届出日：令和8年9月1日", PII_PERSON,
			   "オリヴェイラ"),
		  1);
	CHECK_INT(count_type("受領者：ヘルパー", PII_PERSON), 0);
	CHECK_INT(count_type("代理人：ナシ", PII_PERSON), 0);
	/* a taker's surname after 受： in brackets that opened before the
	 * label; a word there that is no surname stays none */
	CHECK_INT(has_span("書類は受理済み（受：杉森）", PII_PERSON, "杉森"), 1);
	CHECK_INT(count_type("書類は受理済み（受：本日）", PII_PERSON), 0);
	/* a surname alone before 本人 that a full name of the text opens; a
	 * name found with 本人 glued to it loses 本人 */
	CHECK_INT(has_span("対象者：杉森　ハル\n杉森本人は「歩ける」と話す。", PII_PERSON, "杉森"), 1);
	CHECK_INT(has_span("対象者：杉森　ハル\n歩行：佐藤本人は不在。", PII_PERSON, "佐藤本人"), 0);
	CHECK_INT(count_type("市の本人確認書類", PII_PERSON), 0);
}

/* twenty-fifth round (e): probes in C (no labelled line, so the model is
 * not retrained by them), in other words than blind batches 134-137 */
TEST(twenty_fifth_round_e)
{
	REQUIRE(setup());
	/* a chat log whose speaker and time stand alone on a line above the
	 * post; a timetable of the same shape names no one */
	CHECK_INT(count_type("西岡 9:41\n書類届きました\n安藤 9:43\n了解です\n西岡 9:45\nどうも",
			     PII_PERSON),
		  3);
	CHECK_INT(count_type("開会 10:00\n市長挨拶\n閉会 12:00\n事務局より連絡", PII_PERSON), 0);
	/* a mayor of a one-kanji or a kana city signing a notice is none; the
	 * same name in running text stays */
	CHECK_INT(count_type("高槻市告示第55号\n手数料条例の一部を改正する。\n令和8年4月1日\n津市長 山本 一郎",
			     PII_PERSON),
		  0);
	CHECK_INT(count_type("つくば市告示第9号\n手数料条例の一部を改正する。\nつくば市長　佐藤 太郎",
			     PII_PERSON),
		  0);
	CHECK_INT(has_span("式典で津市長 山本 一郎が挨拶した。", PII_PERSON, "山本 一郎"), 1);
	/* memo staff: a topic or a source set off by 、, an addressee before
	 * へ：, a member after を, a member after a glued role; a word of no
	 * surname there stays none */
	CHECK_INT(has_span("申出人 平田 和也さんの件\n松永より、書類一式を郵送済み。", PII_PERSON,
			   "松永"),
		  1);
	CHECK_INT(has_span("課長から石原へ：申出人 平田 和也さんの転出届、控えを送付。", PII_PERSON,
			   "石原"),
		  1);
	CHECK_INT(has_span("申出人 平田 和也さんの件、書類の受領を松永が代行。", PII_PERSON, "松永"), 1);
	CHECK_INT(has_span("申出人 平田 和也さんの件。担当石原に確認済み。", PII_PERSON, "石原"), 1);
	CHECK_INT(count_type("本庁から支所へ：書類を送付。", PII_PERSON), 0);
	CHECK_INT(count_type("本件は、午後に再度確認する。", PII_PERSON), 0);
	/* a surname found, written again before で, and the surname joined to
	 * it by と; places so joined stay none */
	CHECK_INT(count_type("申出人 平田 和也さんの件。石原と松永で自宅を訪問。松永が来週までに報告。",
			     PII_PERSON),
		  4);
	CHECK_INT(count_type("東京と大阪で説明会。大阪が来週までに報告。", PII_PERSON), 0);
	/* the taker after 受付 on a memo's last line; a place there is none */
	CHECK_INT(has_span("申出人 平田 和也さんから電話。\n書類の送付先を確認。\n受付 杉森", PII_PERSON,
			   "杉森"),
		  1);
	CHECK_INT(count_type("書類の送付先を確認。\n受付 窓口", PII_PERSON), 0);
	/* a katakana given name before ばあちゃん; おばあちゃん is none */
	CHECK_INT(has_span("[見守り] 中井：ミネばあちゃん元気でした", PII_PERSON, "ミネ"), 1);
	CHECK_INT(count_type("[見守り] 中井：おばあちゃん元気でした", PII_PERSON), 1);
	/* a chat mention; @ before a word of no surname is none */
	CHECK_INT(has_span("中井: @松永 書類届きました\n石原: 了解です", PII_PERSON, "松永"), 1);
	CHECK_INT(count_type("中井: @全員 会議です\n石原: 了解です", PII_PERSON), 2);
	/* Korean full names in a cell, in brackets, before 입니다 opening a
	 * quote; a word of a Korean sentence is none */
	CHECK_INT(has_span("2026/04/01\t高山 正雄\t高 正雄\t고정웅\t1950/01/02", PII_PERSON, "고정웅"),
		  1);
	CHECK_INT(has_span("I'm PARK Min-jun (박민준). 電話を待っています", PII_PERSON, "박민준"), 1);
	CHECK_INT(has_span("手紙：\n「최영희입니다. 通名は山本 ヨシです。」", PII_PERSON, "최영희"), 1);
	CHECK_INT(count_type("区民: 안녕하세요. 회사원입니다.", PII_PERSON), 0);
	/* a member introducing themself after a role and の */
	CHECK_INT(has_span("お疲れさまです、区役所 税務担当の村井です。", PII_PERSON, "村井"), 1);
	CHECK_INT(count_type("ご用件は担当の窓口です。", PII_PERSON), 0);
	/* a name inside a trader's establishment and a town are none; the
	 * owner and a surname before an honorific stay */
	CHECK_INT(count_type("納税者：比嘉 昌樹\n事業：比嘉ゴム工業所（個人事業）", PII_PERSON), 1);
	CHECK_INT(count_type("保護者芳賀 大輔の証明は浪江町から取り寄せ済み。", PII_PERSON), 1);
	CHECK_INT(has_span("大町さんが来庁。", PII_PERSON, "大町"), 1);
	/* children's given names in brackets after their count; ages and
	 * grades there are none */
	CHECK_INT(count_type("杉森 ハルは子ども2人（翔太・美咲）と転入。", PII_PERSON), 3);
	CHECK_INT(count_type("杉森 ハルは子ども2人（小3・5歳）と転入。", PII_PERSON), 1);
}

/* Twenty-fifth round (d): the types other than PERSON of blind batches
 * 134-137, in other words than the batch, each with a look-alike. */
TEST(twenty_fifth_round_d)
{
	REQUIRE(setup());
	/* an estate's building and room with no town before it, in a sentence
	 * and in a headerless row; the estate as a place (its households, its
	 * hall, an industrial estate's lot) is no one's address */
	CHECK_INT(has_span("昨日、若葉台団地7号棟512号室で火災報知器が鳴ったと連絡。", PII_ADDRESS,
			   "若葉台団地7号棟512号室"),
		  1);
	CHECK_INT(has_span("転居先：未定\n池上 トメ,若葉台団地B-115,2/3", PII_ADDRESS,
			   "若葉台団地B-115"),
		  1);
	CHECK_INT(has_span("ヘルパーが若葉台団地 4-306へ向かいます。", PII_ADDRESS,
			   "若葉台団地 4-306"),
		  1);
	CHECK_INT(count_type("若葉台団地 240戸、若葉台団地集会所で説明会。", PII_ADDRESS), 0);
	CHECK_INT(count_type("若葉台団地の入居率は 93.5%、空き住戸は 3-4 戸。", PII_ADDRESS), 0);
	CHECK_INT(count_type("西部工業団地2-115に新工場が完成した。", PII_ADDRESS), 0);
	/* a headerless row of the insured: the scheme's cell before the
	 * card's number, or the same symbol on consecutive rows under a title
	 * of medical care; an amount after the scheme, or the rows under a
	 * title of anything else, are no card */
	CHECK_INT(has_span("受付\t森下 ウメ\t1939/07/14\t国保\t3318802\t窓口",
			   PII_JP_HEALTH_INSURANCE, "3318802"),
		  1);
	CHECK_INT(count_type("受付\t森下 ウメ\t1939/07/14\t国保\t6120\t窓口",
			     PII_JP_HEALTH_INSURANCE),
		  0);
	CHECK_INT(count_type("医療費助成 突合リスト\n森下 ウメ,S9.02.11,継続,03,5507211\n"
			     "森下 トキ,S12.10.05,継続,03,5507212",
			     PII_JP_HEALTH_INSURANCE),
		  4);
	CHECK_INT(count_type("敬老祝品 配布リスト\n森下 ウメ,S9.02.11,継続,03,5507211\n"
			     "森下 トキ,S12.10.05,継続,03,5507212",
			     PII_JP_HEALTH_INSURANCE),
		  0);
	/* a company's own corporate number in a text naming no one: said to
	 * be the company's, or in its service desk's profile with opening
	 * hours; a party's in brackets, or a registration, keep it */
	CHECK_INT(count_type("法人番号 8700110005901 は株式会社みなと電力のもの。個人で申し込む場合"
			     "は記入不要です。",
			     PII_JP_CORPORATE_NUMBER),
		  0);
	CHECK_INT(count_type("お客さま窓口：みなと電力 料金センター（受付 8:30〜20:00）。"
			     "法人番号 8700110005901。",
			     PII_JP_CORPORATE_NUMBER),
		  0);
	CHECK_INT(count_type("落札者 株式会社みなと電力（法人番号 8700110005901）落札金額 3,300,000円。",
			     PII_JP_CORPORATE_NUMBER),
		  1);
	CHECK_INT(count_type("法人番号 8700110005901 で株式会社みなと電力を登録した。",
			     PII_JP_CORPORATE_NUMBER),
		  1);
	/* a passport's number beside a residence card's in a headerless row,
	 * after it or before it; the same shape beside no card is a code */
	CHECK_INT(has_span("TRAN VAN KHOA,P4418207,UV55012938WX,2000-03-14,溶接", PII_PASSPORT,
			   "P4418207"),
		  1);
	CHECK_INT(has_span("SANTOS ANA\tUV55012938WX\tP4418207\t介護", PII_PASSPORT, "P4418207"),
		  1);
	CHECK_INT(count_type("部品A,P4418207,在庫12,2000-03-14,倉庫", PII_PASSPORT), 0);
	/* the bank named by its kana brand after a particle; a region of a
	 * cooperative between the bank and its branch, which alone names no
	 * bank */
	CHECK_INT(has_span("給付金は振込先としてゆうちょ銀行 記号番号 10170-22814561 を使います。",
			   PII_JP_BANK_ACCOUNT, "ゆうちょ銀行 記号番号 10170-22814561"),
		  1);
	CHECK_INT(has_span("申請者 森下 ウメ\n口座 JAみなと 東部地区 本町支店 普通 4410273",
			   PII_JP_BANK_ACCOUNT, "JAみなと 東部地区 本町支店 普通 4410273"),
		  1);
	CHECK_INT(has_span("申請者 森下 ウメ\n口座 みなと 東部地区 本町支店 普通 4410273",
			   PII_JP_BANK_ACCOUNT, "みなと 東部地区 本町支店 普通 4410273"),
		  0);
	/* a company's current account is its owner's where the record names
	 * the representative; a supplier's with its clerk stays the firm's */
	CHECK_INT(count_type("滞納処分票\n滞納者：有限会社ミナト鉄工 代表取締役 森下 浩二\n"
			     "法人番号：8700110005901\n差押：みなと銀行 港支店 当座 3301457",
			     PII_JP_BANK_ACCOUNT),
		  1);
	CHECK_INT(count_type("取引先登録\n有限会社ミナト鉄工（法人番号 8700110005901）\n"
			     "振込先：みなと銀行 港支店 当座 3301457\n担当者：経理課 森下 浩二",
			     PII_JP_BANK_ACCOUNT),
		  0);
	/* a birth date that says who one person is (…の方です); the same date
	 * as a rule's bound (…の方が対象) stays none */
	CHECK_INT(count_type("窓口の件、生年月日 1987/02/14 の方でした。", PII_DATE_OF_BIRTH), 1);
	CHECK_INT(count_type("生年月日 1987/02/14 以降の方が対象です。", PII_DATE_OF_BIRTH), 0);
	/* the notification card's number is the My Number; a counter's slip
	 * number nearer to it is not */
	CHECK_INT(count_type("届いた通知カードの番号 1234 5678 9018 を読み上げた。", PII_JP_MY_NUMBER),
		  1);
	CHECK_INT(count_type("通知カードの再発行、受付番号 123456789018 で受理。", PII_JP_MY_NUMBER), 0);
	/* a district to its 丁目, then a building and its room after a space;
	 * the district and a building without a room stay a place */
	CHECK_INT(has_span("現場：北浜市港区浜町2丁目 県営住宅7棟203号 で確認。", PII_ADDRESS,
			   "北浜市港区浜町2丁目 県営住宅7棟203号"),
		  1);
	CHECK_INT(count_type("北浜市港区浜町2丁目 県営住宅で説明会を開く。", PII_ADDRESS), 0);
	/* 市内の before the town: the address is the town's */
	CHECK_INT(has_span("森下 ウメは、港北市内の浜町大島4-7 コーポ浜102に住む。", PII_ADDRESS,
			   "浜町大島4-7 コーポ浜102"),
		  1);
	CHECK_INT(count_type("港北市内の浜町で祭りがある。", PII_ADDRESS), 0);
}

/* An address label, then the block with neither municipality nor town
 * (the lead's probes, 2026-12-04 night: no labelled file has one) */
TEST(address_without_its_town)
{
	CHECK_INT(has_span("住所：3丁目12番5号 グリーンハイツ302号室", PII_ADDRESS,
			   "3丁目12番5号 グリーンハイツ302号室"),
		  1);
	CHECK_INT(has_span("転居先は2丁目4-17です。", PII_ADDRESS, "2丁目4-17"), 1);
	/* a 丁目 alone names a district; no label, no one's address */
	CHECK_INT(count_type("住所は3丁目です。", PII_ADDRESS), 0);
	CHECK_INT(count_type("会場：3丁目12番5号の集会所", PII_ADDRESS), 0);
	/* an address in English ending a sentence: the full stop is the
	 * sentence's, an abbreviation's stays in (Ave.) */
	CHECK_INT(has_span("I live at 2-4-17 Honcho, Aoba-ku, Sendai.", PII_ADDRESS,
			   "2-4-17 Honcho, Aoba-ku, Sendai"),
		  1);
	CHECK_INT(has_span("Address: 1200 Ocean Ave. Apt 5, Long Beach, CA 90802", PII_ADDRESS,
			   "1200 Ocean Ave. Apt 5, Long Beach, CA"),
		  1);
}

/* A role's name field, its label ending in 名 and a space (児童名 …):
 * read as the role's own label (the lead's probes, 2026-12-04 night) */
TEST(role_name_field)
{
	CHECK_INT(has_span("児童名 ほのか（4歳）", PII_PERSON, "ほのか"), 1);
	CHECK_INT(has_span("児童名 佐藤ほのか（4歳）", PII_PERSON, "佐藤ほのか"), 1);
	CHECK_INT(has_span("申請者名：いしだ ゆうこ", PII_PERSON, "いしだ ゆうこ"), 1);
	/* a list's name and a field still to fill in are no one */
	CHECK_INT(count_type("児童名簿 ほのか組", PII_PERSON), 0);
	CHECK_INT(count_type("児童名 記入欄", PII_PERSON), 0);
}

/* A Korean name with a Korean honorific, inside a Korean sentence (the
 * lead's probes, 2026-12-04 night) */
TEST(korean_honorific)
{
	CHECK_INT(has_span("김민준 씨는 2019년에 입국했습니다.", PII_PERSON, "김민준"), 1);
	CHECK_INT(has_span("박서준씨가 창구에 왔어요.", PII_PERSON, "박서준"), 1);
	CHECK_INT(has_span("최유진 선생님께 연락했습니다.", PII_PERSON, "최유진"), 1);
	/* a family name's syllable opening a word that is no name */
	CHECK_INT(count_type("김치찌개 씨앗을 샀다.", PII_PERSON), 0);
	CHECK_INT(count_type("오늘은 날씨가 좋네요.", PII_PERSON), 0);
}

/* A name quoted after its own label: the quotes end it (the lead's
 * probes, 2026-12-04 night) */
TEST(quoted_name_after_label)
{
	CHECK_INT(has_span("お子さんの名前は「ゆうと」くんです。", PII_PERSON, "ゆうと"), 1);
	CHECK_INT(has_span("名前は「山田 ゆうと」です", PII_PERSON, "山田 ゆうと"), 1);
	CHECK_INT(has_span("旧姓は「小林」と伺いました。", PII_PERSON, "小林"), 1);
	/* a value that is no name, and a unit given as the addressee */
	CHECK_INT(count_type("名前は「未記入」でした。", PII_PERSON), 0);
	CHECK_INT(count_type("お名前は「市民課」でお願いします。", PII_PERSON), 0);
}

/* A kana given name's ちゃん or くん closes the name: a word that goes
 * on after くん is no honorific (the lead's probes, 2026-12-04 night) */
TEST(kana_honorific_closes)
{
	CHECK_INT(count_type("あのくんれんは大変だった。", PII_PERSON), 0);
	CHECK_INT(count_type("そのくんせいは美味しい。", PII_PERSON), 0);
	CHECK_INT(has_span("はるとくんのお母さんから電話。", PII_PERSON, "はると"), 1);
	CHECK_INT(has_span("みさきちゃんたちが来た。", PII_PERSON, "みさき"), 1);
	/* a place beside a unit's building is no one introduced */
	CHECK_INT(count_type("高橋駅から徒歩5分、松本公園の隣です。", PII_PERSON), 0);
	CHECK_INT(has_span("市民課の林です。", PII_PERSON, "林"), 1);
}

TEST(twenty_sixth_round_d)
{
	REQUIRE(setup());
	/* the house named in brackets after 所在地 makes the location its
	 * owner's address; an office's in brackets is the office's */
	CHECK_INT(has_span("り災証明申請\n申請者：森下 ウメ\n所在地（住家）：北浜市港区浜町3丁目8番2号",
			   PII_ADDRESS, "北浜市港区浜町3丁目8番2号"),
		  1);
	CHECK_INT(count_type("営業所一覧\n所在地（本社）：北浜市港区浜町3丁目8番2号", PII_ADDRESS), 0);
	/* a particle glued to the card's label is the sentence going on,
	 * not a value; a value glued to its label stays one */
	CHECK_INT(count_type("保険証は記号・番号・枝番の2点目までを控えてください。",
			     PII_JP_HEALTH_INSURANCE),
		  0);
	CHECK_INT(count_type("保険証の記号みな12 番号 4417", PII_JP_HEALTH_INSURANCE), 2);
	/* a birth date after a name the learned model finds, in a row; a
	 * recent date there is no birth unless a relation's cell follows */
	CHECK_INT(has_span("Moraes\tLuana\t1987/06/21\t北浜市港区浜町2-8-1", PII_DATE_OF_BIRTH,
			   "1987/06/21"),
		  1);
	CHECK_INT(has_span("Moraes\tLuana\t2021/06/21\t次女\t学童", PII_DATE_OF_BIRTH,
			   "2021/06/21"),
		  1);
	CHECK_INT(count_type("Moraes\tLuana\t2021/06/21\t来庁\t学童", PII_DATE_OF_BIRTH), 0);
	/* a section named after a facility, the partner of a clause before
	 * the address (…課へ相談済み、…): the address stays; the section
	 * standing before the address, or a 所在地, owns it */
	CHECK_INT(has_span("病院経営課へ相談済み、北浜市港区浜町3丁目8番地 5-201に住む。", PII_ADDRESS,
			   "北浜市港区浜町3丁目8番地 5-201"),
		  1);
	CHECK_INT(count_type("病院経営課 北浜市港区浜町3丁目8番2号", PII_ADDRESS), 0);
	/* 住戸 as a label with its separator; glued, it opens a compound */
	CHECK_INT(has_span("家賃督促\n住戸：浜風台2-3-104", PII_ADDRESS, "浜風台2-3-104"), 1);
	CHECK_INT(count_type("住戸番号2-104の修繕完了。", PII_ADDRESS), 0);
	/* numbers the sentence says are published: a note after them, or a
	 * published site before them; 公表しない says the opposite */
	CHECK_INT(count_type("港湾事務所 北浜 0120-33-4410／南浜 011-555-1234（どちらも公表番号）。",
			     PII_PHONE),
		  0);
	CHECK_INT(count_type("法人番号公表サイトで見た市内の造船法人：株式会社浜風造船（8700110005901）。",
			     PII_JP_CORPORATE_NUMBER),
		  0);
	CHECK_INT(count_type("連絡先 011-555-1234（公表しない）", PII_PHONE), 1);
	CHECK_INT(count_type("公表中の番号ではなく、携帯 090-4410-2273 へ。", PII_PHONE), 1);
	/* a corporate number said to be a company's, any の after its name */
	CHECK_INT(count_type("法人番号 8700110005901 は株式会社浜風造船の例示用の番号。",
			     PII_JP_CORPORATE_NUMBER),
		  0);
	/* where applications go in a text naming no one; naming the
	 * organiser keeps the address */
	CHECK_INT(count_type("【募集】海岸清掃の参加者を募集します。申込先：beach-clean@example.jp",
			     PII_EMAIL),
		  0);
	CHECK_INT(count_type("【募集】海岸清掃の参加者を募集します。世話役は森下 ウメさん。"
			     "申込先：ume.m@example.jp",
			     PII_EMAIL),
		  1);
	/* a postal code with only its district in brackets; with a lot there
	 * it is someone's */
	CHECK_INT(count_type("郵便番号 059-1234（北浜市港町）は南浜地区の番号ではない。", PII_POSTAL_CODE),
		  0);
	CHECK_INT(count_type("〒059-1234（北浜市港町3-8）森下 ウメ", PII_POSTAL_CODE), 1);
	/* a section before a bracket holding its number; a port's terminal;
	 * a person in the bracket owns the number */
	CHECK_INT(count_type("送信先：北浜市こども課（FAX 0143-22-4410）", PII_PHONE), 0);
	CHECK_INT(count_type("北浜港フェリーターミナル 0143-22-4410（離島航路）", PII_PHONE), 0);
	CHECK_INT(count_type("こども課（担当 森下 ウメ 0143-22-4410）", PII_PHONE), 1);
	/* a quote given as an example (例示として, 例示に); 例示 as a topic
	 * before a quoted person's number keeps it */
	CHECK_INT(count_type("個人番号の例示に「1111 2222 3333」を載せないこと。", PII_JP_MY_NUMBER), 0);
	CHECK_INT(count_type("例示の件、窓口で「マイナンバーは 1234 5678 9012」と言われた。",
			     PII_JP_MY_NUMBER),
		  1);
	/* a card's symbol, number and branch heading a row spaced into
	 * columns, with a birth date and the scheme named; without the
	 * birth date the three words are any list's */
	CHECK_INT(count_type("北浜　3301827　02　森下 ウメ　S12.3.4　後期高齢", PII_JP_HEALTH_INSURANCE),
		  3);
	CHECK_INT(count_type("北浜　3301827　02　森下 ウメ　令和7年5月5日受付　国保",
			     PII_JP_HEALTH_INSURANCE),
		  0);
	CHECK_INT(count_type("受付番号　3301827　02　森下 ウメ　S12.3.4　国保", PII_JP_HEALTH_INSURANCE),
		  0);
	/* romanised: a lot, its town and N-chome; a lot alone before its
	 * municipality's unit with the town's name before the lot; a score
	 * (2-1) before a city is no lot */
	CHECK_INT(has_span("Please send it to 4-9 Kitahama 2-chome, thanks.", PII_ADDRESS,
			   "4-9 Kitahama 2-chome"),
		  1);
	CHECK_INT(has_span("the tenant at Kitahama 5-2-301, Minato-ku owes rent.", PII_ADDRESS,
			   "Kitahama 5-2-301, Minato-ku"),
		  1);
	CHECK_INT(count_type("Result: Kitahama 2-1, Minato-ku", PII_ADDRESS), 0);
}

TEST(twenty_sixth_round_e)
{
	REQUIRE(setup());
	/* a team chat's channel: the handles of two lines or more are names;
	 * a bot's notice alone and a form's labels are none */
	CHECK_INT(count_type("Teams #fukushi-madoguchi\nsuzuki.k: 書類は明日届きます\nmori: 承知しました",
			     PII_PERSON),
		  2);
	CHECK_INT(has_span("[Chat #jidou] さとう: 午後の面談は2件\nかとう: 了解です", PII_PERSON,
			   "かとう"),
		  1);
	CHECK_INT(has_span("#nenkin\nyamada_t 09:05 受付開始しました\nkimura 09:06 了解",
			   PII_PERSON, "yamada_t"),
		  1);
	CHECK_INT(count_type("#kokuho-info\nbot: 受付は17時までです", PII_PERSON), 0);
	CHECK_INT(count_type("name: 未記入\nfrom: 窓口\nto: 総務課", PII_PERSON), 0);
	/* a mayor signing a notice at the end of its line, after a space or 。 */
	CHECK_INT(count_type("令和9年1月5日 浜北市告示第12号 手数料の改定について 浜北市長 松下 義男",
			     PII_PERSON),
		  0);
	CHECK_INT(count_type("道路の廃止について（告示第77号）。港南区長 小松修一。", PII_PERSON), 0);
	CHECK_INT(has_span("道路の件で港南区長 小松修一さんに相談した。", PII_PERSON, "小松修一"), 1);
	/* a case worker glued after 委員, or after の and 担当; a unit's word
	 * after の (退室|時間) stays none */
	CHECK_INT(has_span("申出人 平田 和也さん宅、灯油切れ。民生委員松永に連絡済み。", PII_PERSON,
			   "松永"),
		  1);
	CHECK_INT(has_span("申出人 平田 和也さんの件。受入先の担当石原が書類を作成した。", PII_PERSON,
			   "石原"),
		  1);
	CHECK_INT(count_type("件名：教室の退室時間について（平田 和也の父です）", PII_PERSON), 1);
	/* a foreign surname opening a headerless row before a given name found */
	CHECK_INT(has_span("Oliveira\tMarcos\t1985/03/09\t080-1111-2222", PII_PERSON, "Oliveira"),
		  1);
	CHECK_INT(count_type("Excel\tWord\t2024/01/01\t更新", PII_PERSON), 0);
	/* a household in Latin letters; capitals alone or a delivery are none */
	CHECK_INT(has_span("・Moreira世帯 書類返送 済", PII_PERSON, "Moreira"), 1);
	CHECK_INT(count_type("・IT世帯 調査票", PII_PERSON), 0);
	CHECK_INT(count_type("Amazon宅配の不在票", PII_PERSON), 0);
	/* a one-kanji maiden name closing brackets after a name; a form's note
	 * stays none */
	CHECK_INT(has_span("妻 平田 春香（旧姓 森）が来庁。", PII_PERSON, "森"), 1);
	CHECK_INT(count_type("（旧姓 中）を記入してください。", PII_PERSON), 0);
	/* one name in three scripts side by side; a country or a tax beside a
	 * name is none */
	CHECK_INT(count_type("Liu Yang (刘洋 / リュウ ヤン) 来庁。", PII_PERSON), 3);
	CHECK_INT(count_type("Chen Jing\t陈静\tチン セイ\t住民税", PII_PERSON), 3);
	CHECK_INT(count_type("Liu Yang\t住民税\t中国籍\t北区", PII_PERSON), 1);
	CHECK_INT(count_type("Liu Yang\n国籍\tネパール", PII_PERSON), 1);
	/* a surname joined by と after a name found; a member introducing
	 * themselves after an office's name; an office's counter is none */
	CHECK_INT(has_span("申出人 平田 和也さんの件、松永が訪問を担当。\n松永と石原は8時集合。",
			   PII_PERSON, "石原"),
		  1);
	CHECK_INT(count_type("本日は松永と東京で会議。", PII_PERSON) <= 1, 1);
	CHECK_INT(has_span("港北市社会福祉協議会の杉森です。", PII_PERSON, "杉森"), 1);
	CHECK_INT(count_type("市民課の窓口です。", PII_PERSON), 0);
	/* a relative's given name that names a place too, as the subject */
	CHECK_INT(has_span("妻隼人が届出。", PII_PERSON, "隼人") ||
			  has_span("夫隼人は入院中。", PII_PERSON, "隼人"),
		  1);
	CHECK_INT(count_type("夫大阪が好き。", PII_PERSON), 0);
	/* a member's surname before their role in brackets, a memo's source */
	CHECK_INT(has_span("石原（保健師）より：平田 和也さんの健診結果、異常なし。", PII_PERSON,
			   "石原"),
		  1);
	CHECK_INT(count_type("中央（東口）より：案内", PII_PERSON), 0);
	/* a surname glued before a profession in running text; a word there
	 * (訪問看護師, 地区担当保健師) is none */
	CHECK_INT(has_span("申出人 平田 和也さん、薬が届かず。島の診療所の石原看護師が代替薬を調整。",
			   PII_PERSON, "石原"),
		  1);
	CHECK_INT(has_span("申出人 平田 和也さんの件、松永ケアマネから連絡あり。", PII_PERSON, "松永"),
		  1);
	CHECK_INT(count_type("申出人 平田 和也さん、薬が届かず。訪問看護師が代替薬を調整。", PII_PERSON),
		  1);
	CHECK_INT(count_type("申出人 平田 和也さんの件、地区担当保健師に連絡。", PII_PERSON), 1);
	/* a child's given name after 子どもの; a word there is none */
	CHECK_INT(has_span("本文：平田 春香です。子どもの美咲のパスポートは更新済みです。", PII_PERSON,
			   "美咲"),
		  1);
	CHECK_INT(count_type("子どもの教育が大切です。子供の健康は大事。", PII_PERSON), 0);
	/* staff glued after their role in a list of attendees; a unit or a
	 * head alone is none */
	CHECK_INT(has_span("ケース会議\n出席：平田 和也（本人）、母平田 春香、相談支援専門員石原\n本人は希望。",
			   PII_PERSON, "石原"),
		  1);
	CHECK_INT(count_type("検討会\n出席：市民課長、区政課長、市福祉課、県保健所", PII_PERSON), 0);
	/* a Latin given name opening a line as its subject, in a note about a
	 * person; a product there, or a note with nothing personal, is none */
	CHECK_INT(has_span("Marcoは夜勤明け。携帯 090-1111-2222。", PII_PERSON, "Marco"), 1);
	CHECK_INT(count_type("Zoomは使えますか。携帯 090-1111-2222", PII_PERSON), 0);
	CHECK_INT(count_type("Dropboxは使えますか。", PII_PERSON), 0);
	/* a surname opening with a small particle; a Latin phrase is none */
	CHECK_INT(has_span("delos Reyesさん（フィリピン）の件。", PII_PERSON, "delos Reyes"), 1);
	CHECK_INT(count_type("de facto の基準", PII_PERSON), 0);
	/* a task's status mark after a space is no given name; after a
	 * surname it stays one */
	CHECK_INT(count_type("・書類返送 済\n・面談日程 未", PII_PERSON), 0);
	/* a source at a numbered item's start; an office there is none */
	CHECK_INT(has_span("議事メモ\n1. 申出人 平田 和也さんの件、受付済み。\n2. 石原より、案内文の校正は来週。",
			   PII_PERSON, "石原"),
		  1);
	CHECK_INT(count_type("議事メモ\n1. 申出人 平田 和也さんの件、受付済み。\n2. 本庁より、案内文の校正は来週。",
			     PII_PERSON),
		  1);
	/* a city before 市長 and the head's spaced full name is a place; a
	 * surname before 市長 and a word stays the mayor's name */
	CHECK_INT(has_span("浜北市長 松下 義男は、会見で発表した。", PII_PERSON, "浜北"), 0);
	CHECK_INT(has_span("〔田中市長 登壇〕", PII_PERSON, "田中"), 1);
	/* a placeholder of one letter over and over is no name */
	CHECK_INT(count_type("例示には（XXXX XXXX）と書くこと。", PII_PERSON), 0);
	CHECK_INT(has_span("申請者 Xavier Xu が来庁。", PII_PERSON, "Xavier Xu"), 1);
	/* Indonesian's I is no part of the name after it */
	CHECK_INT(count_type("Saya Dewi Lestari, mau tanya tentang kelas.", PII_PERSON) == 0 ||
			  has_span("Saya Dewi Lestari, mau tanya tentang kelas.", PII_PERSON,
				   "Dewi Lestari"),
		  1);
}

/* A table's header words in capitals are no name (the lead's probes,
 * 2026-12-04 night) */
TEST(header_words_in_capitals)
{
	const char *tsv = "ID\tNAME\tNATIONALITY\tDOB\n001\tNGUYEN VAN NAM\tVNM\t1998-04-12";
	CHECK_INT(count_type(tsv, PII_PERSON), 1);
	CHECK_INT(has_span(tsv, PII_PERSON, "NGUYEN VAN NAM"), 1);
	CHECK_INT(count_type("NO\tNAME\tREMARKS\n1\tMARIA SANTOS\t要確認", PII_PERSON), 1);
}

TEST(twenty_seventh_round_g)
{
	REQUIRE(setup());
	/* a building named in kana with a particle inside, opening the name
	 * after the block and its room glued after the word; a phrase opens
	 * with its particle */
	CHECK_INT(has_span("現住所：帯広市西5条南12丁目4番3号 あさがおハイツ105", PII_ADDRESS,
			   "帯広市西5条南12丁目4番3号 あさがおハイツ105"),
		  1);
	CHECK_INT(has_span("現住所：帯広市西5条南12丁目4番3号 のハイツ105", PII_ADDRESS,
			   "帯広市西5条南12丁目4番3号"),
		  1);
	/* a grid's N条M丁目 after a label of one's own address is a block;
	 * a workplace's label, or a town's 丁目 alone, stays a place */
	CHECK_INT(has_span("本籍：帯広市西14条南3丁目", PII_ADDRESS, "帯広市西14条南3丁目"), 1);
	CHECK_INT(count_type("勤務先：帯広市西14条南3丁目", PII_ADDRESS), 0);
	CHECK_INT(count_type("本籍：鹿児島市宇宿三丁目", PII_ADDRESS), 0);
	/* a lettered card symbol with a hyphen, its own 番号 after it, is
	 * one value; without the 番号 field the hyphen is not read */
	CHECK_INT(has_span("後期高齢者医療\n記号：札3-11　番号：0072214", PII_JP_HEALTH_INSURANCE,
			   "札3-11"),
		  1);
	CHECK_INT(has_span("国保 記号：札3-11 を確認", PII_JP_HEALTH_INSURANCE, "札3-11"), 0);
	/* seven digits without their hyphen opening an address label's
	 * value are its postal code; after another label they are not */
	CHECK_INT(has_span("送付先：0600042 札幌市中央区大通西5丁目11-3", PII_POSTAL_CODE, "0600042"),
		  1);
	CHECK_INT(count_type("整理番号 0600042 札幌市中央区大通西5丁目11-3", PII_POSTAL_CODE), 0);
	/* a 所在地 with its resident on the next line is a dwelling; with
	 * its phone it stays an office's */
	CHECK_INT(has_span("り災証明 調査票\n所在地：北浜市港区浜町3丁目8番2号\n世帯主：森下 ウメ",
			   PII_ADDRESS, "北浜市港区浜町3丁目8番2号"),
		  1);
	CHECK_INT(count_type("出張所\n所在地：北浜市港区浜町3丁目8番2号\n電話：0123-45-6789", PII_ADDRESS),
		  0);
	/* an office's postal code given as where to mail things; a home's
	 * (自宅の〒…まで) stays */
	CHECK_INT(count_type("北浜市役所 保険年金課では高額療養費の申請を受け付けています。郵送は〒059-8501まで。",
			     PII_POSTAL_CODE),
		  0);
	CHECK_INT(count_type("郵送は自宅の〒059-0012まで。北浜市役所 保険年金課", PII_POSTAL_CODE), 1);
}

TEST(twenty_seventh_round_f)
{
	REQUIRE(setup());
	/* a taker's label, a surname, then a unit in brackets or から/より
	 * closing the clause: one kanji too; no surname there is none */
	CHECK_INT(has_span("申出人：松永 和也\n聞き取り：東（国保年金課）", PII_PERSON, "東"), 1);
	CHECK_INT(has_span("督促の件。\n対応：石原から、分納を案内した。", PII_PERSON, "石原"), 1);
	CHECK_INT(has_span("杉森 千春さんから照会。折り返しは堀より。", PII_PERSON, "堀"), 1);
	CHECK_INT(count_type("督促の件。\n対応：窓口から、分納を案内した。", PII_PERSON), 0);
	CHECK_INT(count_type("申請書の件。確認は本日から。", PII_PERSON), 0);
	/* the name in its own script beside its Latin form: brackets, a
	 * row's next cell, a form's next line; a country there is none */
	CHECK_INT(has_span("申請者：Bikash Tamang（बिकाश तामाङ）　国籍：ネパール", PII_PERSON,
			   "बिकाश तामाङ"),
		  1);
	CHECK_INT(has_span("氏名,タイ文字,国籍\nSOMCHAI DEE,สมชาย ดี,タイ", PII_PERSON, "สมชาย ดี"),
		  1);
	CHECK_INT(has_span("LIU YANG\t刘洋\t中国\t2001/05/06", PII_PERSON, "刘洋"), 1);
	CHECK_INT(has_span("氏名：THEIN HTIKE\n現地表記：သိန်းထိုက်\n国籍：ミャンマー", PII_PERSON,
			   "သိန်းထိုက်"),
		  1);
	CHECK_INT(count_type("LIU YANG,中国,2001/05/06,留学", PII_PERSON), 1);
	CHECK_INT(count_type("नमस्ते, कृपया फारम भर्नुहोस्।", PII_PERSON), 0);
	/* a surname before の and a relation: a found full name's, or one
	 * before the relative's name found; a place or a country is none */
	CHECK_INT(has_span("世帯主 東 正和から電話。東の母 澄江の通院について。", PII_PERSON, "東"),
		  1);
	CHECK_INT(has_span("世帯主 東 正和から電話。東の母 澄江の通院について。", PII_PERSON, "澄江"),
		  1);
	CHECK_INT(has_span("来所者 松永さん。松永の娘 美樹さんも同席。", PII_PERSON, "美樹"), 1);
	CHECK_INT(has_span("世帯主 東 正和から電話。大阪の母 澄江さんの通院について。", PII_PERSON,
			   "大阪"),
		  0);
	CHECK_INT(has_span("申告に来た。本国の母NGUYEN THI HOAを扶養に入れたい。", PII_PERSON,
			   "本国"),
		  0);
	/* the one kanji said again alone as a subject; inside a word none */
	CHECK_INT(count_type("来所者 堀は、騒音の件で来た。堀の夫 正樹さんも同席。", PII_PERSON), 3);
	CHECK_INT(count_type("堀の夫 正樹さんも同席。外堀は埋まった。", PII_PERSON), 2);
	/* a full name glued to 名義 reaches its given name; 本人名義 none */
	CHECK_INT(has_span("亡母 松永 澄江名義の預金について相続の相談。", PII_PERSON, "松永 澄江"), 1);
	CHECK_INT(count_type("口座は本人名義のものに限ります。", PII_PERSON), 0);
	/* a surname before が and a verb of staff's work; a unit none */
	CHECK_INT(has_span("申出人 杉森 千春さん来所。手話対応の林が担当した。", PII_PERSON, "林"), 1);
	CHECK_INT(count_type("手話通訳は障害福祉課が担当した。", PII_PERSON), 0);
	/* a surname after a party of a dispute and の; the party's home none */
	CHECK_INT(has_span("騒音の苦情。相手方の杉森とは面識がないという。", PII_PERSON, "杉森"), 1);
	CHECK_INT(count_type("騒音の苦情。相手方の自宅には行っていない。", PII_PERSON), 0);
	/* a one-kanji given name of a found name, alone in brackets again;
	 * a mark in brackets no found name ends in is none */
	CHECK_INT(has_span("届出人 松永 澄江、夫 松永 誠\n本人確認：運転免許証（誠）", PII_PERSON, "誠"),
		  1);
	CHECK_INT(count_type("届出人 松永 澄江、夫 松永 誠\n本人確認：運転免許証（済）", PII_PERSON), 2);
	/* Indonesian letters: Saya before a name at a line's start; the
	 * greeting and the months are no names */
	CHECK_INT(has_span("Kepada Bapak/Ibu,\nSaya Rina Wulandari, mau bertanya tentang pajak.",
			   PII_PERSON, "Rina Wulandari"),
		  1);
	CHECK_INT(count_type("Kepada Bapak/Ibu,\nSaya tinggal di Sapporo.", PII_PERSON), 0);
	CHECK_INT(count_type("She will come to Otaru in November. What should she bring?",
			     PII_PERSON),
		  0);
}

/* What staff write in a self-care chat or the opinion box: a colleague by
 * relation and の, a relative's given name in hiragana run on into its
 * particle (the lead's probes, 2026-12-04 night) */
TEST(colleagues_and_kana_relatives)
{
	CHECK_INT(has_span("上司の佐藤が毎日厳しくて、もう限界です。", PII_PERSON, "佐藤"), 1);
	CHECK_INT(has_span("部下の中野が休職中です。", PII_PERSON, "中野"), 1);
	CHECK_INT(count_type("同期の会が楽しみです。", PII_PERSON), 0);
	CHECK_INT(has_span("妻のゆかりが入院して、子どもの世話が大変です。", PII_PERSON, "ゆかり"), 1);
	CHECK_INT(has_span("娘のさくらが熱を出した。", PII_PERSON, "さくら"), 1);
	/* a hiragana noun after の, and a particle after the relation */
	CHECK_INT(count_type("母のほうが元気です。", PII_PERSON), 0);
	CHECK_INT(count_type("兄のかわりに来ました。", PII_PERSON), 0);
	CHECK_INT(count_type("夫からの暴言が続いている。", PII_PERSON), 0);
}

/* Issue 14, twenty-eighth round (c): each rule's positive and a look-alike
 * it must not take, written apart from the blind batches (probes, which do
 * not retrain the name model) */
TEST(twenty_eighth_round_c)
{
	/* 部 numbers a block in 能登 when a lot in 番 follows it */
	CHECK_INT(has_span("申請者住所：七尾市中島町3部42番地", PII_ADDRESS, "七尾市中島町3部42番地"), 1);
	CHECK_INT(count_type("輪島市文化会館2部10時開演", PII_ADDRESS), 0);
	/* 建物所在地 of an owner's application is the owner's place */
	CHECK_INT(has_span("解体申請者：能登 義男\n建物所在地：七尾市田鶴浜町5部12番地", PII_ADDRESS,
			   "七尾市田鶴浜町5部12番地"),
		  1);
	/* a town in kana and kanji right after the city, then its 丁目; a
	 * building and room after the lot */
	CHECK_INT(has_span("転居先：仙台市みずほ台2丁目8-3", PII_ADDRESS, "仙台市みずほ台2丁目8-3"), 1);
	CHECK_INT(has_span("連絡先住所：富山市あさひ野4丁目15 市営住宅2棟103号", PII_ADDRESS,
			   "富山市あさひ野4丁目15 市営住宅2棟103号"),
		  1);
	CHECK_INT(count_type("富山市では本町2丁目の道路を工事します。", PII_ADDRESS), 0);
	/* a passport's number of letters and digits mixed right after its label */
	CHECK_INT(has_span("パスポート番号：K7RT48M29", PII_PASSPORT, "K7RT48M29"), 1);
	CHECK_INT(count_type("旅券窓口の整理券：A3BC45D67", PII_PASSPORT), 0);
	/* a bare 番号 in a reply to a line that names the licence */
	CHECK_INT(has_span("10:02 森田：運転免許証は確認した？\n10:03 田村：確認済み。番号は 451208836720 でした",
			   PII_JP_DRIVERS_LICENSE, "451208836720"),
		  1);
	CHECK_INT(count_type("申込書は届きましたか\n届きました。番号は 451208836720 です", PII_JP_DRIVERS_LICENSE), 0);
	/* a name written "Surname, Given" in the name column of a comma row */
	CHECK_INT(has_span("被保険者番号,氏名,生年月日\n00912345,Santos, Maria,1980/02/03", PII_PERSON,
			   "Santos, Maria"),
		  1);
	CHECK_INT(has_span("被保険者番号,氏名,生年月日\n00912345,Santos, Maria,1980/02/03",
			   PII_JP_HEALTH_INSURANCE, "00912345"),
		  1);
	/* the card's symbol as a word between the birth date and the number */
	CHECK_INT(has_span("大津 春男,ｵｵﾂ ﾊﾙｵ,1949/11/02,滋北,00413377,00,大津市打出浜2-1",
			   PII_JP_HEALTH_INSURANCE, "滋北"),
		  1);
	CHECK_INT(count_type("2025/12/01,京都,123456,01,受付済", PII_JP_HEALTH_INSURANCE), 0);
	/* a date after a nationality's three capitals in a row opening with a
	 * surname in capitals */
	CHECK_INT(has_span("SILVA,Ana Paula,BRA,1988-03-07,浜松市中区砂山町1-2", PII_DATE_OF_BIRTH,
			   "1988-03-07"),
		  1);
	CHECK_INT(count_type("横浜市,JPN,2025-04-01,開始", PII_DATE_OF_BIRTH), 0);
	/* bank, branch, type and number in comma cells after a label: one span */
	CHECK_INT(has_span("申請者：菊池 ヨネ\n振込先：秋田銀行,大館支店,普通,2284017", PII_JP_BANK_ACCOUNT,
			   "秋田銀行,大館支店,普通,2284017"),
		  1);
	CHECK_INT(has_span("申請者：菊池 ヨネ\n備考：在庫,大館支店,普通,2284017", PII_JP_BANK_ACCOUNT,
			   "在庫,大館支店,普通,2284017"),
		  0);
	/* a text opening with what an office does: its number given by its
	 * label alone (a topic and は before it at most) is the office's; a
	 * text opening with what the writer did keeps it */
	CHECK_INT(count_type("高松市保健センター（高松市番町1丁目8番15号）健診：4か月児健診は毎月第1水曜。"
			     "受付 9:00〜。電話 087-839-2363。",
			     PII_PHONE),
		  0);
	CHECK_INT(count_type("高松市の保健センターで健診を受けました。4か月児健診は毎月第1水曜。受付 9:00〜。"
			     "電話 087-839-2363。",
			     PII_PHONE),
		  1);
	CHECK_INT(count_type("新しい免許の切替は香川県運転免許センターで受け付けています。"
			     "予約は電話087-881-0100で平日のみ。",
			     PII_PHONE),
		  0);
	CHECK_INT(count_type("新しい免許の切替は香川県運転免許センターで済ませました。"
			     "予約は電話087-881-0100で平日のみ。",
			     PII_PHONE),
		  1);
	/* a signature's staff member right after the section's name: the
	 * landline under it is the section's; a resident's name alone keeps it */
	CHECK_INT(count_type("お問い合わせの件、承知しました。\n\n高松市 環境局 ごみ収集課 山下\nTEL 087-839-2114",
			     PII_PHONE),
		  0);
	CHECK_INT(count_type("お問い合わせの件、よろしくお願いします。\n\n山下 花子\nTEL 087-839-2114", PII_PHONE),
		  1);
	/* a quoted header naming facilities: its rows' contacts are theirs */
	CHECK_INT(count_type("\"施設名\",\"所在地\",\"電話\"\n\"高松市文化会館\",\"高松市番町1-5-1\",\"087-861-1234\"",
			     PII_PHONE),
		  0);
	CHECK_INT(count_type("\"氏名\",\"住所\",\"電話\"\n\"山田 花子\",\"高松市番町1-5-1\",\"087-861-1234\"",
			     PII_PHONE),
		  1);
	/* a town with its suffix beside a person is their address; a district
	 * without one is the neighbourhood they are known by */
	CHECK_INT(has_span("相談者：岡田 和夫 様（丸亀市飯山町）", PII_ADDRESS, "丸亀市飯山町"), 1);
	CHECK_INT(count_type("岡田さん（丸亀市飯野）も参加された。", PII_ADDRESS), 0);
	/* a lot of four digits opening with 1 or 2: a person's when the
	 * bracket after their honorific closes on it, or when a phone opens
	 * the next line; a plan's year is neither */
	CHECK_INT(has_span("石川 進さん（高松市鬼無1520）の件", PII_ADDRESS, "高松市鬼無1520"), 1);
	CHECK_INT(count_type("高松市の計画（高松市総合計画2025）を公表しました。", PII_ADDRESS), 0);
	CHECK_INT(count_type("松本市総合計画2025\n05 基本方針", PII_ADDRESS), 0);
	/* a signature: a name and their own business in brackets makes the
	 * block theirs; a company in the brackets makes it the company's */
	CHECK_INT(has_span("よろしくお願いします。\n――――\n安田 孝夫（安田果樹園）\n須坂市豊丘2410-1\n"
			   "0263-21-8830",
			   PII_ADDRESS, "須坂市豊丘2410-1"),
		  1);
	CHECK_INT(count_type("よろしくお願いします。\n――――\n安田 孝夫（株式会社安田果樹園）\n須坂市豊丘2410-1\n"
			     "0263-21-8830",
			     PII_ADDRESS),
		  0);
	/* an office's code and address given as where to send mail; a
	 * person's own code and address before あて stay theirs */
	CHECK_INT(count_type("Q. 証明書は郵送で請求できますか。\nA. できます。高松市役所 市民課へ請求書をお送りください。"
			     "郵送の場合は〒760-8571 高松市番町1-8-15 あてにお送りください。",
			     PII_ADDRESS),
		  0);
	CHECK_INT(count_type("山田 花子です。証明書を〒760-0001 高松市番町3-2-5 あてに送ってください。", PII_ADDRESS),
		  1);
	/* a code spoken of as an area's, the area's word between */
	CHECK_INT(count_type("〒760-0001 の地域（高松市番町）では収集日が変わります。", PII_POSTAL_CODE), 0);
	CHECK_INT(count_type("住所：山田 花子 〒760-0001 地域（高松市番町3-2）", PII_POSTAL_CODE), 1);
	/* the floor after the lot and a space closes the address; a count
	 * there does not */
	CHECK_INT(has_span("住所：高松市番町3-2-5 2F", PII_ADDRESS, "高松市番町3-2-5 2F"), 1);
	CHECK_INT(has_span("住所：高松市番町3-2-5 2名で来庁", PII_ADDRESS, "高松市番町3-2-5"), 1);
	/* a domicile written to its 番 alone after 本籍; elsewhere 番 alone is
	 * no address */
	CHECK_INT(has_span("夫（昭和50年1月2日生、本籍 高松市番町5番）", PII_ADDRESS, "高松市番町5番"), 1);
	CHECK_INT(count_type("集合場所：高松市番町5番のりば", PII_ADDRESS), 0);
	/* an office named in Vietnamese earlier in the bracket's sentence */
	CHECK_INT(count_type("Thông báo từ Thành phố Takamatsu: Thuế có thể nộp theo từng đợt. Vui lòng liên hệ "
			     "văn phòng thuế của quận (Chuo 087-839-2114).",
			     PII_PHONE),
		  0);
	CHECK_INT(count_type("Tôi là Nguyen. Vui lòng gọi cho tôi (Nguyen 087-839-2114).", PII_PHONE), 1);
	/* a service's hotline named before the number; a bare ホットライン is no service's name */
	CHECK_INT(count_type("高松市 子育て相談ホットライン 0120-24-8106 は年中無休です。", PII_PHONE), 0);
	CHECK_INT(count_type("ホットライン 0120-24-8106 に電話したがつながらない（山田）", PII_PHONE), 1);
	/* a unit's duty desk glued to it is the unit; its head (課長) is a person */
	CHECK_INT(count_type("各課庶務担当者様\n夜間の連絡先は市民課当直（087-839-2114）です。", PII_PHONE), 0);
	CHECK_INT(count_type("各課庶務担当者様\n夜間の連絡先は市民課長（087-839-2114）です。", PII_PHONE), 1);
}

/* Relatives and children named by their given names (twenty-eighth round
 * (b)): probes, not labelled lines, so that the learned model is not
 * retrained by them */
TEST(twenty_eighth_round_b)
{
	/* one kanji before は after a relation and a space; a word of time is none */
	CHECK_INT(has_span("面談記録：弟 剛は県外在住のため欠席。", PII_PERSON, "剛"), 1);
	CHECK_INT(count_type("母 今は施設に入所しており、面会は予約制です。", PII_PERSON), 0);
	/* a word of presence glued after the name; alone it names no one */
	CHECK_INT(has_span("説明は長男 健太同席のもとで行った。", PII_PERSON, "健太"), 1);
	CHECK_INT(count_type("娘 代理来庁の場合は委任状が必要です。", PII_PERSON), 0);
	/* 児： and a birth date of this year with 生; a date without 生 is none */
	CHECK_INT(has_span("児：大和（令和8年4月3日生、男）", PII_PERSON, "大和"), 1);
	CHECK_INT(has_span("児：リナ（2026年3月14日生、女）", PII_PERSON, "リナ"), 1);
	CHECK_INT(count_type("児：受診（令和8年9月2日）の結果を記入してください。", PII_PERSON), 0);
	/* children listed with an age or a school year after a space */
	CHECK_INT(has_span("子ども2人（陸 中1、ユナ 3歳）を連れて来所。", PII_PERSON, "陸"), 1);
	CHECK_INT(has_span("子ども2人（陸 中1、ユナ 3歳）を連れて来所。", PII_PERSON, "ユナ"), 1);
	CHECK_INT(has_span("世帯票\n子ども：ルカ 7歳、レオ 4歳\n備考：保育所入所希望", PII_PERSON,
			   "ルカ"),
		  1);
	CHECK_INT(count_type("子ども：未定 3歳児健診の予約は保健センターへ。", PII_PERSON), 0);
	/* a given name a relation introduced, written again alone; not
	 * inside a word (葵祭) */
	CHECK_INT(count_type("家族：夫 武志、長女 真央（小3）\n経過：真央が学校を休みがちで、夫は単身赴任中。",
			     PII_PERSON),
		  3);
	CHECK_INT(count_type("長女 葵（年中）の送迎は葵祭の日は休み。", PII_PERSON), 1);
	/* relatives parted by 、; a katakana name of six before a class, not
	 * a shorter word ENAMDICT does not list */
	CHECK_INT(has_span("扶養：妻 マリア、次女 優奈", PII_PERSON, "マリア"), 1);
	CHECK_INT(has_span("扶養は次男クリスチャン（小6）のみ。", PII_PERSON, "クリスチャン"), 1);
	CHECK_INT(count_type("長男 サッカー（小5）", PII_PERSON), 0);
	/* a full name written again whole; 夫妻 after a full name trimmed */
	CHECK_INT(count_type("相談者 門田 健三（84）と妻が来庁。説明済み。門田 健三の連絡先は自宅。",
			     PII_PERSON),
		  2);
	CHECK_INT(has_span("相談者 門田 健三（84）と妻が来庁。説明済み。門田 健三の連絡先は自宅。",
			   PII_PERSON, "健三"),
		  0);
	CHECK_INT(has_span("訪問先：森下 健・森下 彩夫妻、長男 蓮（4歳）", PII_PERSON, "森下 彩"), 1);
	CHECK_INT(has_span("訪問先：森下 健・森下 彩夫妻、長男 蓮（4歳）", PII_PERSON, "森下 彩夫妻"), 0);
	/* a Latin word before の and a relation; not before a word the
	 * relation opens */
	CHECK_INT(has_span("Maria の夫が来庁した。", PII_PERSON, "Maria"), 1);
	CHECK_INT(count_type("Google の母体は米国の企業です。", PII_PERSON), 0);
	/* a katakana reading beside a Latin name found, when its first sound
	 * is the name's; a country in brackets, an acronym's reading are none */
	CHECK_INT(has_span("Lukas（ルーカス）さんの口座番号を削除した。", PII_PERSON, "ルーカス"), 1);
	CHECK_INT(has_span("届いた書類です。\nモラレス（MORALES Diego）", PII_PERSON, "モラレス"), 1);
	CHECK_INT(has_span("Lukas（ドイツ）さんが来庁した。", PII_PERSON, "ドイツ"), 0);
	CHECK_INT(has_span("■HACCP（ハサップ）の手引き", PII_PERSON, "ハサップ"), 0);
	/* a Chinese name in its simplified kanji, apart on a Latin name's
	 * line or greeted at a line's start; not a longer kanji run */
	CHECK_INT(has_span("申請者 LI Ming：中国語表記は刘明。", PII_PERSON, "刘明"), 1);
	CHECK_INT(has_span("刘 さんへ\nご連絡ありがとうございます。", PII_PERSON, "刘"), 1);
	CHECK_INT(count_type("申請者 LI Ming：刘备三国志を読む", PII_PERSON), 1);
}

/* Surnames placed by their position (twenty-eighth round (a)): a member
 * after a role and の, a sign-off's handlers after 対応, a chat speaker of
 * one kanji before a unit, minutes' speakers after ○, 今さん, a surname
 * before ケアマネ; each with a look-alike the rule must leave */
TEST(twenty_eighth_round_a)
{
	CHECK_INT(has_span("窓口では担当の原が説明した。", PII_PERSON, "原"), 1);
	CHECK_INT(has_span("包括の原と岡で訪問する。", PII_PERSON, "岡"), 1);
	CHECK_INT(count_type("給与担当の人から連絡します。", PII_PERSON), 0);
	CHECK_INT(count_type("担当の方が説明します。", PII_PERSON), 0);
	CHECK_INT(has_span("書類を受け取った。対応 原、岡。", PII_PERSON, "岡"), 1);
	CHECK_INT(count_type("通訳対応 12件。", PII_PERSON), 0);
	CHECK_INT(has_span("[11:20] 辻（保険年金課）: 了解です", PII_PERSON, "辻"), 1);
	/* (辻（在宅）, the look-alike the unit rule must leave, is checked
	 * with the rules alone in test_pii: the learned model, retrained on
	 * session 21's read files, reads that speaker as the person it is) */
	CHECK_INT(has_span("○堀：次の議題に移ります。", PII_PERSON, "堀"), 1);
	CHECK_INT(count_type("○事務局：次の議題に移ります。", PII_PERSON), 0);
	CHECK_INT(has_span("○南委員：質問します。", PII_PERSON, "南"), 1);
	CHECK_INT(count_type("○副委員長：質問します。", PII_PERSON), 0);
	CHECK_INT(has_span("○事務局（辻）：資料をご覧ください。", PII_PERSON, "辻"), 1);
	CHECK_INT(count_type("○事務局（資料）：ご覧ください。", PII_PERSON), 0);
	CHECK_INT(has_span("○市民課長（中川）　お答えします。", PII_PERSON, "中川"), 1);
	/* a council's minutes too, as the brief has its writers label them
	 * (batches 239, 285, 303; the exception for a council's, made for
	 * 71 and 148, was dropped on 2026-12-05) */
	CHECK_INT(has_span("令和8年 市議会 総務委員会\n○市民課長（中川）　お答えします。", PII_PERSON,
			   "中川"),
		  1);
	CHECK_INT(has_span("昨日、今さんが来庁した。", PII_PERSON, "今"), 1);
	CHECK_INT(count_type("今様の歌を学ぶ。", PII_PERSON), 0);
	/* さんさん after a word is no honorific (a shopping centre's name) */
	CHECK_INT(count_type("会場は岡田さんさんプラザ２階の集会室です。", PII_PERSON), 0);
	CHECK_INT(has_span("岡田さんから電話がありました。", PII_PERSON, "岡田"), 1);
	/* さん opening a word in kana after 今 (the lead's probes) */
	CHECK_INT(has_span("今さんから電話がありました。", PII_PERSON, "今"), 1);
	CHECK_INT(count_type("今さんざん迷っています。", PII_PERSON), 0);
	CHECK_INT(count_type("今さんまが安いです。", PII_PERSON), 0);
	CHECK_INT(count_type("今さんにんで向かっています。", PII_PERSON), 0);
	CHECK_INT(has_span("主任と宮崎ケアマネから意見。", PII_PERSON, "宮崎"), 1);
	CHECK_INT(count_type("居宅ケアマネから連絡。", PII_PERSON), 0);
	/* 夫妻 after a name stays outside it; a name in 夫 is written 夫夫妻 */
	CHECK_INT(has_span("訪問先：岩田 和之・岩田 遥夫妻、長女", PII_PERSON, "岩田 遥"), 1);
	CHECK_INT(has_span("訪問先：山田 一夫夫妻", PII_PERSON, "山田 一夫"), 1);
	/* a list counted as households: the count must match the items */
	CHECK_INT(has_span("対象：原、岡、辻の3世帯に連絡済み。", PII_PERSON, "辻"), 1);
	CHECK_INT(count_type("対象：原、岡の3世帯に連絡。", PII_PERSON), 0);
	CHECK_INT(count_type("メモ：東、西、南の3地区は巡回済み。", PII_PERSON), 0);
	/* a member reporting in the first person after から */
	CHECK_INT(has_span("昨日の件、岩田から報告します。", PII_PERSON, "岩田"), 1);
	CHECK_INT(count_type("昨日の件、本庁から報告します。", PII_PERSON), 0);
	/* a day's kanji in a list of days; 金 beside another surname stays */
	CHECK_INT(count_type("相談員 4名体制（月・水・金）。", PII_PERSON), 0);
	CHECK_INT(has_span("担当：金・朴", PII_PERSON, "金"), 1);
	/* a surname and a given name found apart are one name; a list of
	 * surnames parted by spaces stays three */
	CHECK_INT(has_span("出席：室戸 恵（防災課長）、中村 大地", PII_PERSON, "室戸 恵"), 1);
	CHECK_INT(has_span("出席者：田中 小林 中村", PII_PERSON, "小林"), 1);
	/* staff listed by title and surname in brackets */
	CHECK_INT(has_span("事務局：住宅課長（岩田）、主任（宮崎）", PII_PERSON, "宮崎"), 1);
	CHECK_INT(count_type("事務局：住宅課長（未定）、主任（予定）", PII_PERSON), 0);
}

/* A document of several parts (a chat, a form's sample, tables, a memo):
 * what one part says does not decide the values of the others. Each
 * case was found by scanning the held-out blind records joined into one
 * document per file, where they had been scored one record at a time. */
TEST(document_sections)
{
	/* the table of facilities ends at a line that is no row of it: a CSV
	 * of residents below a sentence is not the facilities' (a document
	 * with no blank line lost every resident's address and phone below
	 * such a table); the facilities' rows stay theirs */
	{
		const char *doc = "施設コード,施設名,所在地,電話\n"
				  "C01,中央公民館,高松市番町1-5-1,087-861-1234\n"
				  "C02,東部公民館,高松市林町2-3,087-865-1111\n"
				  "次のCSVを氏名の五十音順に並べ替えてください。\n"
				  "青木 絵里,高松市屋島西町2-14-6,087-841-5540\n";
		CHECK_INT(count_type(doc, PII_PHONE), 1);
		CHECK_INT(has_span(doc, PII_PHONE, "087-841-5540"), 1);
		CHECK_INT(has_span(doc, PII_ADDRESS, "高松市屋島西町2-14-6"), 1);
		CHECK_INT(has_span(doc, PII_ADDRESS, "高松市番町1-5-1"), 0);
		/* a blank line ends it too, as before */
		CHECK_INT(count_type("施設名,所在地,電話\n中央公民館,高松市番町1-5-1,087-861-1234\n\n"
				     "青木 絵里,高松市屋島西町2-14-6,087-841-5540",
				     PII_PHONE),
			  1);
	}
	/* a part that is a form's made-up sample drops its own values
	 * only, not those of the document's other parts */
	{
		const char *doc = "[10:02] 平良：窓口に安里 ひかりさんが来ています\n"
				  "[10:03] 上原：口座の件ですね\n\n"
				  "【記入例】国民健康保険 異動届\n氏名：新宿　花子\n"
				  "個人番号：123456789012\n※記入例の番号は架空のものです。";
		CHECK_INT(has_span(doc, PII_PERSON, "安里 ひかり"), 1);
		CHECK_INT(has_span(doc, PII_PERSON, "上原"), 1);
		CHECK_INT(count_type(doc, PII_JP_MY_NUMBER), 0);
		CHECK_INT(has_span(doc, PII_PERSON, "新宿　花子"), 0);
		/* one part alone is judged whole, as before */
		CHECK_INT(count_type("【記入例】国民健康保険 異動届\n氏名：新宿　花子\n"
				     "個人番号：123456789012\n※記入例の番号は架空のものです。",
				     PII_PERSON),
			  0);
	}
	/* a second table's header right under the first table's rows is
	 * no row of it: its words are no name, its counts no phone */
	{
		const char *doc = "氏名\t生年月日\t手帳等級\t連絡先\n"
				  "森本 大地\tH14.09.03\t療育B\t0857-28-4419\n"
				  "サービス種別\t事業所数\t定員\t利用者数\n"
				  "生活介護\t9\t215\t198\n";
		CHECK_INT(has_span(doc, PII_PERSON, "森本 大地"), 1);
		CHECK_INT(has_span(doc, PII_PHONE, "0857-28-4419"), 1);
		CHECK_INT(count_type(doc, PII_PERSON), 1);
		CHECK_INT(count_type(doc, PII_PHONE), 1);
		/* a row whose values are missing is still a row */
		CHECK_INT(count_type("氏名\t生年月日\t連絡先\n森本 大地\t不明\tなし\n"
				     "岸本 彩花\tH20.01.16\t090-5531-0278\n",
				     PII_PHONE),
			  1);
	}
	/* a phone under a phone column has six digits at least */
	CHECK_INT(count_type("氏名,連絡先\n森本 大地,251\n", PII_PHONE), 0);
	CHECK_INT(has_span("氏名,連絡先\n森本 大地,72-5540\n", PII_PHONE, "72-5540"), 1);
	/* a one-kanji label (児：) that begins a place's name elsewhere
	 * (児島台公民館) does not make a chat's speakers districts */
	{
		const char *doc = "上村: 口座の変更きてた？\n竹之内: きてます。\n上村: 了解\n\n"
				  "1歳6か月児健康診査 結果\n児：美月ちゃん（令和7年5月2日生）\n"
				  "母：長谷川 真由\n\n"
				  "[10:02] 平良：窓口に来ています\n[10:03] 上原：了解\n"
				  "[10:04] 平良：口座の件です\n\n"
				  "説明会は児島台公民館で1月16日午後7時から。";
		CHECK_INT(has_span(doc, PII_PERSON, "平良"), 1);
		CHECK_INT(has_span(doc, PII_PERSON, "上原"), 1);
		CHECK_INT(has_span(doc, PII_PERSON, "竹之内"), 1);
	}
	/* a form's field repeated by the forms of one document is no chat's
	 * speaker (フリガナ：, and カナ： before a reading); a child named カナ
	 * who speaks twice in a family's chat is */
	{
		const char *doc = "氏名：遠藤 真由美\nフリガナ：エンドウ マユミ\n\n"
				  "氏名：浅野 美穂\nフリガナ：アサノ ミホ";
		CHECK_INT(count_type(doc, PII_PERSON), 4);
		CHECK_INT(has_span(doc, PII_PERSON, "フリガナ"), 0);
		const char *kana = "氏名：NGUYEN VAN HUNG\nカナ：グエン ヴァン フン\n\n"
				   "氏名：SANTOS, Maria Lourdes\nカナ：サントス マリア ルルデス";
		CHECK_INT(has_span(kana, PII_PERSON, "カナ"), 0);
		CHECK_INT(has_span(kana, PII_PERSON, "グエン ヴァン フン"), 1);
		CHECK_INT(count_type("カナ：ママまだ？\nママ：いま出たよ\nカナ：はーい", PII_PERSON), 2);
	}
	/* a notice that names nobody gives its places' numbers, though a
	 * case memo pasted above it names a resident */
	{
		const char *doc = "相談記録\n相談者：山田 花子\n電話：090-1234-5678\n\n"
				  "避難所（一次）のお知らせ\n"
				  "北地区：北小学校（みどり市北町88番地）収容 150人\n"
				  "電話：北小 0299-83-0501、第一中 0299-83-0911\n開設は市から連絡します。";
		CHECK_INT(has_span(doc, PII_PHONE, "090-1234-5678"), 1);
		CHECK_INT(count_type(doc, PII_PHONE), 1);
		/* the memo's part alone keeps its numbers (no notice) */
		CHECK_INT(count_type("相談記録\n相談者：山田 花子\n電話：090-1234-5678\n\n"
				     "避難所の件\n電話：北小 0299-83-0501",
				     PII_PHONE),
			  2);
	}
	/* a birth date's label in one part says nothing of the dates of a
	 * table of moves in another */
	{
		const char *doc = "氏名：南 ハツ子\n生年月日：昭和14年5月8日\n\n"
				  "異動届の一覧\n川村 葵,2026-10-02,転入\n北村 陽,2026-10-07,転居";
		CHECK_INT(has_span(doc, PII_DATE_OF_BIRTH, "昭和14年5月8日"), 1);
		CHECK_INT(count_type(doc, PII_DATE_OF_BIRTH), 1);
		CHECK_INT(count_type(doc, PII_PERSON), 3);
		/* in the label's own part, as before */
		CHECK_INT(has_span("氏名：南 ハツ子\n生年月日：昭和14年5月8日\n"
				   "川村 葵,2026-10-02,転入\n",
				   PII_DATE_OF_BIRTH, "2026-10-02"),
			  1);
	}
}

/* A card's symbol of letters and its number under one compound label are
 * two values, as labelled one by one; other shapes stay as they were */
TEST(card_symbol_of_letters)
{
	const char *s = "国保の保険証をなくしました。記号・番号：美里・11845";
	CHECK_INT(has_span(s, PII_JP_HEALTH_INSURANCE, "美里"), 1);
	CHECK_INT(has_span(s, PII_JP_HEALTH_INSURANCE, "11845"), 1);
	CHECK_INT(count_type("保険証 記号/番号：あさひ-2087341", PII_JP_HEALTH_INSURANCE), 2);
	/* a number of four digits or fewer, a sentence after the label, a
	 * ゆうちょ account: no pair */
	CHECK_INT(count_type("保険証の記号・番号：美里・1184", PII_JP_HEALTH_INSURANCE), 0);
	CHECK_INT(count_type("記号・番号の確認をお願いします", PII_JP_HEALTH_INSURANCE), 0);
	CHECK_INT(count_type("ゆうちょ 記号番号：たまご・12345", PII_JP_HEALTH_INSURANCE), 0);
	/* a label that names the 枝番 too: three values, parted as the label is */
	CHECK_INT(has_span("記号・番号・枝番：千下総・201873・01", PII_JP_HEALTH_INSURANCE, "01"), 1);
	CHECK_INT(count_type("記号・番号・枝番：千下総・201873・01", PII_JP_HEALTH_INSURANCE), 3);
	CHECK_INT(count_type("国保の記号/番号/枝番：あさひ/2087341/02 です", PII_JP_HEALTH_INSURANCE), 3);
	CHECK_INT(count_type("記号・番号・枝番：千下総・2018", PII_JP_HEALTH_INSURANCE), 0);
	/* a column under 記号 holds the symbol even in letters only */
	CHECK_INT(has_span("記号,番号,枝番,氏名,資格取得日\n湯国,208814,02,二宮 達也,2026/04/01",
			   PII_JP_HEALTH_INSURANCE, "湯国"),
		  1);
	CHECK_INT(count_type("記号,番号,枝番,氏名\n不明,208814,02,二宮 達也", PII_JP_HEALTH_INSURANCE), 2);
	/* the shapes read before keep their one value */
	CHECK_INT(has_span("保険証 記号番号 京中-210874", PII_JP_HEALTH_INSURANCE, "京中-210874"), 1);
}

TEST(small_ke_inside_kanji_names)
{
	/* ヶ, ケ and ノ between kanji are inside the name: the address opens
	 * at the city, the surname at its first kanji */
	CHECK_INT(has_span("住所：〒432-8047 浜ヶ崎市神田町1204番地の3", PII_ADDRESS,
			   "浜ヶ崎市神田町1204番地の3"),
		  1);
	CHECK_INT(has_span("対象：原田 和也（浜ケ崎市天神町3丁目7-15）", PII_ADDRESS,
			   "浜ケ崎市天神町3丁目7-15"),
		  1);
	CHECK_INT(has_span("宇都宮 美咲さん宅（湯ノ浦市上人ヶ浜町9-31）", PII_ADDRESS,
			   "湯ノ浦市上人ヶ浜町9-31"),
		  1);
	CHECK_INT(has_span("氏名：鎌ヶ谷 杏奈\nローマ字：KAMAGAYA ANNA", PII_PERSON, "鎌ヶ谷 杏奈"), 1);
	CHECK_INT(has_span("申請者 霞ヶ浦 太郎", PII_PERSON, "霞ヶ浦 太郎"), 1);
	/* a relation, a space and a full name whose surname ENAMDICT lists as
	 * a place only: one name, as after a colon */
	CHECK_INT(has_span("法定代理人：母 鎌ヶ谷 敦子", PII_PERSON, "鎌ヶ谷 敦子"), 1);
	CHECK_INT(has_span("母 霞浦 敦子", PII_PERSON, "霞浦 敦子"), 1);
	CHECK_INT(count_type("出席者 田中 小林 中村", PII_PERSON), 3);
	/* a ヶ after a digit counts months, and a public place keeps its name */
	CHECK_INT(count_type("3ヶ月ごとに更新します。", PII_PERSON), 0);
	CHECK_INT(count_type("霞ヶ関の庁舎で説明会があります。", PII_PERSON), 0);
	CHECK_INT(count_type("霞ヶ関の庁舎で説明会があります。", PII_ADDRESS), 0);
}

/* A chat tool's name in round brackets opening a speaker's line, and the
 * sentence right after a letter's greeting introducing its writer */
TEST(tool_chats_and_greetings)
{
	const char *chat = "（Teams）藤井：その件、通訳は何語ですか？\n（Teams）金子：ポルトガル語です。";
	CHECK_INT(has_span(chat, PII_PERSON, "藤井"), 1);
	CHECK_INT(has_span(chat, PII_PERSON, "金子"), 1);
	CHECK_INT(has_span("（LINE WORKS）有泉：予防接種の件です", PII_PERSON, "有泉"), 1);
	/* a bracket of kanji or digits is no tool; a role is no speaker */
	CHECK_INT(count_type("（Teams）事務局：資料を共有します", PII_PERSON), 0);
	CHECK_INT(count_type("（1）対象者：市内在住の方", PII_PERSON), 0);
	CHECK_INT(has_span("いつもお世話になっております。ケアプランみかわの今井です。", PII_PERSON,
			   "今井"),
		  1);
	CHECK_INT(has_span("お世話になっております。\n株式会社みかわの今井です。", PII_PERSON, "今井"),
		  1);
	/* a sentence that introduces no one (without the greeting, the
	 * learned model may still read ケアプランみかわの今井です。 as the
	 * self-introduction it is: margin 60, session 23) */
	CHECK_INT(count_type("ケアプランみかわの申請です。", PII_PERSON), 0);
	CHECK_INT(count_type("お世話になっております。これは市の責任です。", PII_PERSON), 0);
	CHECK_INT(count_type("お疲れ様です。明日の会議の件です。", PII_PERSON), 0);
	/* a chat copied from its tool: the sender and the time alone on a line,
	 * the message under it */
	const char *copied = "Slack #税務課-窓口\n飛田 14:21\nいま来庁です。手帳は確認しました\n"
			     "照沼 14:23\n了解です";
	CHECK_INT(has_span(copied, PII_PERSON, "飛田"), 1);
	CHECK_INT(has_span(copied, PII_PERSON, "照沼"), 1);
	/* a chat's speakers are counted in its own part: a request's field
	 * above the chat is no speaker */
	const char *two_parts = "想定問答を作ってください。\n前提：医療分の所得割は7.2％\n\n"
				"ゆかり：健診の件です\n真理子：了解です\nゆかり：お願いします";
	CHECK_INT(has_span(two_parts, PII_PERSON, "前提"), 0);
	CHECK_INT(has_span(two_parts, PII_PERSON, "ゆかり"), 1);
	/* a timetable (one header after another), or a programme's items */
	CHECK_INT(count_type("会議室予約\n第一会議室 9:00\n第二会議室 13:30\n以上", PII_PERSON), 0);
	CHECK_INT(count_type("開会 10:00\n市長挨拶\n閉会 12:00\n以上", PII_PERSON), 0);
	/* a name's span stops before a title glued after it and before the
	 * next field's label */
	CHECK_INT(has_span("主治医：中央病院 内科 青木 隆医師\n申請代行：長女", PII_PERSON, "青木 隆"), 1);
	CHECK_INT(has_span("処理担当：片山　確認者：野口", PII_PERSON, "片山"), 1);
	CHECK_INT(has_span("処理担当：片山　確認者：野口", PII_PERSON, "野口"), 1);
	/* a role, a surname and the approval it gave */
	CHECK_INT(has_span("判断：交付可（係長 生田目 決裁）", PII_PERSON, "生田目"), 1);
	CHECK_INT(count_type("担当 課内 確認", PII_PERSON), 0);
	CHECK_INT(count_type("係長 決裁 済み", PII_PERSON), 0);
}

/* Rural and island addresses (batches 194-201, after their first run): a
 * hamlet's name between 地割 and the lot, the side of a Hokkaido 線, one
 * kana inside a municipality's name (美ら浜市) */
TEST(rural_and_island_addresses)
{
	CHECK_INT(has_span("住所：閉伊浜村第5地割字中里9番地14", PII_ADDRESS,
			   "閉伊浜村第5地割字中里9番地14"),
		  1);
	CHECK_INT(has_span("住所：北勝市字清川東3線西18番地", PII_ADDRESS, "北勝市字清川東3線西18番地"),
		  1);
	CHECK_INT(has_span("住所：美ら浜市字安里315番地", PII_ADDRESS, "美ら浜市字安里315番地"), 1);
	CHECK_INT(has_span("本籍 沖縄県美ら浜市字比屋根2丁目5番", PII_ADDRESS,
			   "沖縄県美ら浜市字比屋根2丁目5番"),
		  1);
	/* a particle between kanji opens no name: the office's sentence
	 * stays out of the address */
	CHECK_INT(has_span("中京区役所は京都市中京区西堀川通御池下る西三坊堀川町521番地です。", PII_ADDRESS,
			   "中京区役所は京都市中京区西堀川通御池下る西三坊堀川町521番地"),
		  0);
	CHECK_INT(count_type("市内第5地割の説明会は公民館で行います。", PII_ADDRESS), 0);
	/* a business's location that its note says is the owner's home */
	CHECK_INT(has_span("所在地：北摂野市桃山台東3丁目2番5号（代表者自宅と同じ）", PII_ADDRESS,
			   "北摂野市桃山台東3丁目2番5号"),
		  1);
	CHECK_INT(has_span("所在地（自宅）：比良浜市南小松885番地", PII_ADDRESS, "比良浜市南小松885番地"), 1);
	CHECK_INT(count_type("所在地：北摂野市桃山台東3丁目2番5号\n電話：06-6123-4567", PII_ADDRESS), 0);
	/* a postal code's cell right before an address cell */
	CHECK_INT(has_span("受付日時,氏名,郵便番号,住所\n2026-11-28 21:14,山本 恭平,2310023,"
			   "神奈川県横浜市中区山下町118-2-1104",
			   PII_POSTAL_CODE, "2310023"),
		  1);
	CHECK_INT(count_type("品名,数量,金額\nコピー用紙,40,2310023", PII_POSTAL_CODE), 0);
	/* a birth notice's field */
	CHECK_INT(has_span("生まれたとき：令和8年11月22日 午前3時41分", PII_DATE_OF_BIRTH,
			   "令和8年11月22日"),
		  1);
	CHECK_INT(count_type("生まれたときの体重：3012g、令和8年11月22日の健診", PII_DATE_OF_BIRTH), 0);
	/* a card's symbol of digits and its number, label and value parted by ・ */
	CHECK_INT(count_type("被保険者証 記号・番号：12・30058", PII_JP_HEALTH_INSURANCE), 2);
	/* an office's signature quoted in a reply is the office's still; a
	 * resident's quoted address block is theirs */
	CHECK_INT(count_type("> 芦田原市 保険年金課 国保税係 中西 亮\n"
			     "> 〒726-8501 広島県芦田原市府中町1番地　TEL 0847-43-7120",
			     PII_ADDRESS),
		  0);
	CHECK_INT(has_span("> 山田 太郎\n> 〒726-0011 広島県芦田原市府中町3-5　TEL 090-1234-5678",
			   PII_ADDRESS, "広島県芦田原市府中町3-5"),
		  1);
	/* takers of several fields on one line */
	CHECK_INT(has_span("入力者：小松　確認者：岡山", PII_PERSON, "小松"), 1);
	CHECK_INT(has_span("確認者：坂本　立会：福岡", PII_PERSON, "坂本"), 1);
	CHECK_INT(count_type("確認：済　備考：なし", PII_PERSON), 0);
	/* 能登's iroha parts of a town (イ部, ル部), and a street's 通り */
	CHECK_INT(has_span("被災住家：能登浜市上戸町北方イ部51\n交付：令和8年", PII_ADDRESS,
			   "能登浜市上戸町北方イ部51"),
		  1);
	CHECK_INT(has_span("住所：美濃川市中央通り4丁目1番地5", PII_ADDRESS, "美濃川市中央通り4丁目1番地5"),
		  1);
	CHECK_INT(count_type("駅前通りを歩いて3分です。", PII_ADDRESS), 0);
	CHECK_INT(count_type("第1部3名が参加しました。", PII_ADDRESS), 0);
	/* a governor signing a prefecture's notice, as a mayor a city's */
	CHECK_INT(count_type("石川県告示第88号\n被災者生活再建支援法を適用する。\n令和8年3月15日\n"
			     "石川県知事　北村 正己",
			     PII_PERSON),
		  0);
	CHECK_INT(has_span("議事録\n知事 北村 正己 登壇", PII_PERSON, "北村 正己"), 1);
	/* districts listed with ・, one of them a town of 〜台 */
	CHECK_INT(count_type("北部地域包括支援センター　担当：上野田・中里・若草台　若草市上野田1120",
			     PII_PERSON),
		  0);
	CHECK_INT(has_span("担当：中里・高田の2名で訪問", PII_PERSON, "中里"), 1);
	/* a room after the lot's last number */
	CHECK_INT(has_span("住居地：閉伊浜村第12地割字小浜40番地1 202号\n届出日：令和8年", PII_ADDRESS,
			   "閉伊浜村第12地割字小浜40番地1 202号"),
		  1);
}

/* A record's steps and who took them (処理 庄司、決裁 …), and words that
 * stand where a name would (殿, 要, LINE WORKS) (batches 194-201, after
 * their first run) */
TEST(record_steps_and_their_takers)
{
	CHECK_INT(has_span("（内部メモ）処理 庄司、決裁 今野係長", PII_PERSON, "庄司"), 1);
	CHECK_INT(has_span("受付 星野　照合 渡辺", PII_PERSON, "星野"), 1);
	CHECK_INT(has_span("交付：回数券 20枚（受付 奥山）", PII_PERSON, "奥山"), 1);
	/* a time, an arrow or a word after the step: no taker named */
	CHECK_INT(count_type("電話 0120-225-1412\n受付 平日 8:30〜17:15", PII_PERSON), 0);
	CHECK_INT(count_type("受付 本庁　処理 完了", PII_PERSON), 0);
	CHECK_INT(count_type("[LINE WORKS] 住民福祉課グループ", PII_PERSON), 0);
	CHECK_INT(count_type("宮城県保健福祉部 社会福祉課長 殿\n北泉市 保健福祉部", PII_PERSON), 0);
	CHECK_INT(count_type("家賃は5万2千円。ポルトガル語通訳 要。", PII_PERSON), 0);
	/* a Korean name in Hangul with its space, set in Japanese text */
	CHECK_INT(has_span("相談者：박 지민（朴 智敏）", PII_PERSON, "박 지민"), 1);
	CHECK_INT(has_span("From: 최 유나 <yuna.choi@example.com>", PII_PERSON, "최 유나"), 1);
	/* Korean sentences are no names */
	CHECK_INT(count_type("안녕하세요 이 문서는 안내입니다", PII_PERSON), 0);
	CHECK_INT(count_type("韓国語：이 서류를 가져오세요", PII_PERSON), 0);
	/* who did a thing and when, in a bracket closing the record; staff
	 * counted after their surnames */
	CHECK_INT(has_span("返信を送付済み（工藤、12/1）。", PII_PERSON, "工藤"), 1);
	CHECK_INT(has_span("口頭確認済み（11/27 菅谷）", PII_PERSON, "菅谷"), 1);
	CHECK_INT(has_span("安全確認（小西・高田の2名で家庭訪問）", PII_PERSON, "小西"), 1);
	CHECK_INT(count_type("以上（12/1 発送）", PII_PERSON), 0);
	CHECK_INT(count_type("会場（本町、12/1）", PII_PERSON), 0);
	CHECK_INT(count_type("東京・大阪の2名が参加", PII_PERSON), 0);
}

/* Session 14's mends from blind batches 458-461 and 466-469 (read after
 * their first run): each rule on probes in other words, with a look-alike
 * it must leave. */
/* Text read by OCR or typed on a phone: letter-spaced names and addresses
 * with spaces between their parts (pii_spacing.c; batches 498-505, 512,
 * 513), and estates' rooms with 号棟 and no public body. */
TEST(spaced_text_and_estate_wings)
{
	REQUIRE(setup());
	CHECK_INT(has_span("住所 埼玉県 川口市 芝新町 5-3-202", PII_ADDRESS,
			   "埼玉県 川口市 芝新町 5-3-202"),
		  1);
	CHECK_INT(has_span("住所は釧路市 芦野3丁目 9-12です", PII_ADDRESS, "釧路市 芦野3丁目 9-12"), 1);
	CHECK_INT(has_span("今の住所 釧路市 貝塚 1-14-7 メゾン貝塚 103", PII_ADDRESS,
			   "釧路市 貝塚 1-14-7 メゾン貝塚 103"),
		  1);
	CHECK_INT(has_span("現住所：東京都江東区 豊洲4-2-11-1405", PII_ADDRESS,
			   "東京都江東区 豊洲4-2-11-1405"),
		  1);
	CHECK_INT(has_span("氏\u3000名\u3000佐 々木\u3000昌 弘\n電 話\u30000154-38-2716", PII_PERSON,
			   "佐 々木\u3000昌 弘"),
		  1);
	CHECK_INT(has_span("申請者 高 橋\u3000健 二\n住 所\u3000釧路町桂木 ４丁目 １７番地５", PII_PERSON,
			   "高 橋\u3000健 二"),
		  1);
	CHECK_INT(has_span("申請者 高 橋\u3000健 二\n住 所\u3000釧路町桂木 ４丁目 １７番地５", PII_ADDRESS,
			   "釧路町桂木 ４丁目 １７番地５"),
		  1);
	/* through a quoted CSV row too: both copies map back */
	CHECK_INT(has_span("\"氏名\",\"電話\"\n\"高 橋\u3000健 二\",\"090-1234-5678\"", PII_PERSON,
			   "高 橋\u3000健 二"),
		  1);
	/* what stays apart: a name and a phone, a hall's floor, two numbers,
	 * a surname ending in 村 and a date */
	CHECK_INT(has_span("中村 太郎 090-1234-5678", PII_PERSON, "中村 太郎"), 1);
	CHECK_INT(count_type("市役所 3階 会議室", PII_ADDRESS), 0);
	CHECK_INT(count_type("釧路市 令和8年 12月 1日 開催", PII_ADDRESS), 0);
	CHECK_INT(count_type("釧路市 2026-12-01 開催", PII_ADDRESS), 0);
	/* numbers OCR read one box at a time; a given name letter-spaced
	 * after its surname; a bare lot after an address's label; a lot of
	 * four digits (batches 514, 516, 518, 520) */
	CHECK_INT(has_span("個人番号　3 1 5 2 9 9 9 2 3 6 3 0\n氏名", PII_JP_MY_NUMBER,
			   "3 1 5 2 9 9 9 2 3 6 3 0"),
		  1);
	CHECK_INT(has_span("連絡先　0768-52-3 9 1 8\n振込先", PII_PHONE, "0768-52-3 9 1 8"), 1);
	CHECK_INT(has_span("故人氏名　三上 清 治　死亡年月日 R8.10.30", PII_PERSON, "三上 清 治"), 1);
	CHECK_INT(has_span("住所　府中市上下町上下 ９１８\n緊急連絡先", PII_ADDRESS, "府中市上下町上下 ９１８"),
		  1);
	CHECK_INT(has_span("住所は宮崎市 大塚町  池ノ内 1125-3です", PII_ADDRESS,
			   "宮崎市 大塚町  池ノ内 1125-3"),
		  1);
	CHECK_INT(has_span("夫 赵 磊（会社員）", PII_PERSON, "赵 磊"), 1);
	CHECK_INT(has_span("（滞納者 坂口 誠 宅）", PII_PERSON, "坂口 誠"), 1);
	CHECK_INT(has_span("父北村 修三の個人番号は 3902-8461-1759 です。", PII_PERSON, "北村 修三"), 1);
	CHECK_INT(count_type("被害状況\n氷見市\u3000全壊 242\u3000半壊 1,043", PII_ADDRESS), 0);
	CHECK_INT(count_type("日南市 人口 48,912人", PII_ADDRESS), 0);
	CHECK_INT(count_type("受付 1 2 3 件", PII_JP_MY_NUMBER), 0);
	/* a number read box by box before a letter-spaced name on one line:
	 * the passes' gaps in the text's order (the copy failed before) */
	CHECK_INT(has_span("個人番号 3 1 5 2 9 9 9 2 3 6 3 0 申請者 高 橋\u3000勇 作", PII_PERSON,
			   "高 橋\u3000勇 作"),
		  1);
	/* a phone glued to TEL, a mobile written with dots (512, 513) */
	CHECK_INT(has_span("申込者 長谷川\u3000優\u3000TEL0154-22-6075\u3000予約番号 BK-2701", PII_PHONE,
			   "0154-22-6075"),
		  1);
	CHECK_INT(count_type("型番 HOTEL0154-22-6075", PII_PHONE), 0);
	CHECK_INT(has_span("私の名前は阿部です、電話 080.6327.4419", PII_PHONE, "080.6327.4419"), 1);
	CHECK_INT(count_type("バージョン v1.080.1234.5678", PII_PHONE), 0);
	/* an estate's wing numbered with 号棟, no 市営 before it */
	CHECK_INT(has_span("住戸：芥川住宅3号棟208号室", PII_ADDRESS, "芥川住宅3号棟208号室"), 1);
	CHECK_INT(has_span("ご記入のうえ千里山住宅2号棟108号室へ", PII_ADDRESS, "千里山住宅2号棟108号室"),
		  1);
	CHECK_INT(count_type("芥川住宅3号棟の外壁改修工事", PII_ADDRESS), 0);
	teardown();
}

/* Mends from the read half of the forty-sixth set (530, 532, 534, 537;
 * sections beyond the usual forms); invented probes, look-alikes kept
 * apart. */
TEST(other_sections_mends)
{
	REQUIRE(setup());
	/* a lot after a town's name, a particle after it; four digits that
	 * are no year of 19xx or 20xx; the lot's branch after の */
	CHECK_INT(has_span("昨年から南房市浜田412へ移住しました", PII_ADDRESS, "南房市浜田412"), 1);
	CHECK_INT(has_span("実家は海浜市北山1587です", PII_ADDRESS, "海浜市北山1587"), 1);
	CHECK_INT(has_span("住所 平田市新町北原53の2", PII_ADDRESS, "平田市新町北原53の2"), 1);
	CHECK_INT(count_type("海浜市総合計画2030に基づき", PII_ADDRESS), 0);
	CHECK_INT(count_type("海浜市内150か所で実施", PII_ADDRESS), 0);
	CHECK_INT(count_type("上越市板倉区針1034 の案件", PII_ADDRESS), 0);
	/* a town named in kana with の, its lot in 番地 */
	CHECK_INT(has_span("申出者：原 一恵（海浜市みどりの東町14番地8）", PII_ADDRESS,
			   "海浜市みどりの東町14番地8"),
		  1);
	/* 今 (now) glued before the municipality; 今治 keeps it */
	CHECK_INT(has_span("娘は今川崎市中原区小杉町3-2-1に住んでいます", PII_ADDRESS,
			   "川崎市中原区小杉町3-2-1"),
		  1);
	CHECK_INT(has_span("住所は今治市北宝来町2-3-4です", PII_ADDRESS, "今治市北宝来町2-3-4"), 1);
	/* a building named in hiragana and katakana, its room glued */
	CHECK_INT(has_span("送付先：海浜市常盤9-30-2 ときわハイム203", PII_ADDRESS,
			   "海浜市常盤9-30-2 ときわハイム203"),
		  1);
	CHECK_INT(has_span("送付先：海浜市常盤9-30-2 ときどき不在", PII_ADDRESS, "海浜市常盤9-30-2"), 1);
	/* 直通 right after a person's name on its line */
	CHECK_INT(has_span("当社で保管します。\n田村 恵子\u3000直通 090-1111-2222", PII_PHONE,
			   "090-1111-2222"),
		  1);
	CHECK_INT(count_type("福祉課\u3000直通 0470-11-2222", PII_PHONE), 0);
	/* a self-introduction after a workshop's name, or a shop's name in
	 * its brackets */
	CHECK_INT(has_span("みかん工房の大西です。返礼品の件で", PII_PERSON, "大西"), 1);
	CHECK_INT(has_span("干物屋「山海商店」の大西です。", PII_PERSON, "大西"), 1);
	CHECK_INT(count_type("「広報みなと」の最新号です。", PII_PERSON), 0);
	/* a weekly rota of days; a chat's speaker 金 stays a name */
	CHECK_INT(count_type("勤務表\n月：ポ語A・越語\n火：英語\n水：ポ語B\n金：越語", PII_PERSON), 0);
	CHECK_INT(has_span("金：はい、了解です\n田中：お願いします", PII_PERSON, "金"), 1);
	/* a ゆうちょ account's labelled values in their cells */
	CHECK_INT(has_span("Lam Thi Hoa,ゆうちょ銀行,記号12340,番号56781231,5000", PII_JP_BANK_ACCOUNT,
			   "ゆうちょ銀行,記号12340,番号56781231"),
		  1);
	/* a firm's name and a unit in Latin letters */
	CHECK_INT(count_type("From: HR Dept., Minato Seiki Co., Ltd.\nWe are writing", PII_PERSON), 0);
	/* from the read half of the forty-seventh set (538, 540, 542, 544):
	 * a lot's unit before a name and 様宅 is no surname */
	CHECK_INT(has_span("04:40 海浜市本町48番地 北村様宅 物置", PII_ADDRESS, "海浜市本町48番地"), 1);
	CHECK_INT(has_span("04:40 海浜市本町48番地 北村様宅 物置", PII_PERSON, "北村"), 1);
	/* a log whose rows name who reported: the place column is theirs */
	CHECK_INT(has_span("受付日\t場所\t申出者\t電話\n12/5\t海浜市緑町8番地の11\t石田 恵美\t"
			   "090-4821-6630",
			   PII_PHONE, "090-4821-6630"),
		  1);
	CHECK_INT(count_type("場所\t電話\n市民体育館\t0123-45-6789", PII_PHONE), 0);
	/* a firm's writer under a letter's salutation, the direct line after */
	CHECK_INT(has_span("福祉課 ご担当者様\nみどりリフォームの上野です。\n直通：090-1111-3333", PII_PERSON,
			   "上野"),
		  1);
	CHECK_INT(has_span("福祉課 ご担当者様\nみどりリフォームの上野です。\n直通：090-1111-3333", PII_PHONE,
			   "090-1111-3333"),
		  1);
	CHECK_INT(count_type("福祉課 ご担当者様\n本日の資料です。", PII_PERSON), 0);
	/* whom to ask after a unit and a space */
	CHECK_INT(has_span("わからなければ税務課 宮地まで。", PII_PERSON, "宮地"), 1);
	CHECK_INT(count_type("申込みは税務課 窓口まで。", PII_PERSON), 0);
	/* a dormitory named in kana and kanji, its room glued */
	CHECK_INT(has_span("会社の寮（海浜市大島14-6 すくも水産第二寮201）あて", PII_ADDRESS,
			   "海浜市大島14-6 すくも水産第二寮201"),
		  1);
	/* a payment order's and a utility customer's numbers; a fax to reply to */
	CHECK_INT(count_type("支出命令番号 0812-11-0457", PII_PHONE), 0);
	CHECK_INT(count_type("お客さま番号 0712-3384-55", PII_PHONE), 0);
	CHECK_INT(count_type("12月18日までにFAX（088-866-2141）でお知らせください。", PII_PHONE), 0);
	CHECK_INT(has_span("自宅FAX（088-866-2141）あり", PII_PHONE, "088-866-2141"), 1);
	/* from the read half of the forty-eighth set (546, 548, 550, 552):
	 * surnames in a list of mobiles; a hamlet's head; a fishers' credit
	 * federation; お孫さん is no name */
	CHECK_INT(has_span("不通時は各自の携帯へ\u3000堀 090-9012-4431／大西 080-1530-7798", PII_PERSON,
			   "大西"),
		  1);
	CHECK_INT(count_type("総務課 090-9012-4431", PII_PERSON), 0);
	CHECK_INT(has_span("佐々木区長：バスが来ない", PII_PERSON, "佐々木"), 1);
	CHECK_INT(has_span("浜崎 ミツ子,刺網,天草信漁連,牛深支店,普通,0418826", PII_JP_BANK_ACCOUNT,
			   "天草信漁連,牛深支店,普通,0418826"),
		  1);
	CHECK_INT(count_type("お孫さんのお名前を伺えますか", PII_PERSON), 0);
	/* from the read half of the forty-ninth set (554, 556, 558, 560):
	 * 番耕地 numbers a town's block in 愛媛; a route's stops are no names;
	 * a Spanish or Portuguese word before a Latin name; a spoken
	 * introduction ending in けど; a mobile after 直通 */
	CHECK_INT(has_span("住所：海浜市三瓶町朝立1番耕地625", PII_ADDRESS, "海浜市三瓶町朝立1番耕地625"), 1);
	CHECK_INT(count_type("本日の巡回：岩井→浦富→田後→網代（岩美町）", PII_PERSON), 0);
	CHECK_INT(has_span("担当：上原→島袋→中村→森田", PII_PERSON, "森田"), 1);
	CHECK_INT(has_span("Buenas tardes. Soy Jorge Flores Huamán, papá de Valentina.", PII_PERSON,
			   "Jorge Flores Huamán"),
		  1);
	CHECK_INT(has_span("Aqui é a mãe do Heitor Oliveira (5º ano).", PII_PERSON, "Heitor Oliveira"), 1);
	CHECK_INT(has_span("申請者 da Silva Pereira, João Carlos", PII_PERSON,
			   "da Silva Pereira, João Carlos"),
		  1);
	CHECK_INT(has_span("「海浜町大字浦富2841の宮脇ですけど、裏の空き地に", PII_PERSON, "宮脇"), 1);
	CHECK_INT(has_span("不明点があれば直通090-3318-7762までお願いします。", PII_PHONE, "090-3318-7762"),
		  1);
	CHECK_INT(count_type("福祉課 直通 0470-11-2222", PII_PHONE), 0);
	teardown();
}

TEST(session_fourteen_mends)
{
	REQUIRE(setup());
	/* a number, a space, then a date or a time: the number before the space */
	CHECK_INT(has_span("基礎年金番号 5208114736 1/15 9:30 窓口", PII_JP_BASIC_PENSION_NUMBER,
			   "5208114736"),
		  1);
	CHECK_INT(count_type("整理番号 5208114736 1/15", PII_JP_BASIC_PENSION_NUMBER), 0);
	/* a public body's アパート with its building and room */
	CHECK_INT(has_span("訪問先：都営北野二丁目アパート 5号棟311号", PII_ADDRESS,
			   "都営北野二丁目アパート 5号棟311号"),
		  1);
	CHECK_INT(count_type("都営北野二丁目アパート 5号棟は外壁工事中", PII_ADDRESS), 0);
	/* a room with its building's number in brackets after a resident */
	CHECK_INT(has_span("入居者の森川 勝さん（4号棟112号室）から相談", PII_ADDRESS, "4号棟112号室"),
		  1);
	CHECK_INT(count_type("説明会（4号棟112号室）を開きます", PII_ADDRESS), 0);
	/* a vacancy's floor plan */
	CHECK_INT(count_type("入居者募集：北野団地 3-104（2LDK）、5号（3DK）", PII_ADDRESS), 0);
	CHECK_INT(has_span("住所：北野団地 3-104", PII_ADDRESS, "北野団地 3-104"), 1);
	/* a date in brackets after a name found late (a place's word as its
	 * surname, read by the learned model) */
	CHECK_INT(has_span("大会エントリー 同意書（未成年）\n選手：対馬 凛（2011年3月9日）\n保護者：対馬 美和\n"
			   "住所：251-0035 北野市片瀬海岸二丁目4番1号",
			   PII_DATE_OF_BIRTH, "2011年3月9日"),
		  1);
	/* a list of care providers, their kind of service in the second cell */
	static const char providers[] = "あおぞらケア,居宅介護支援,北野一丁目2-3,03-5550-1201\n"
					"デイサービスきたの,通所介護,北野二丁目4-5,03-5550-1202\n"
					"きたの苑,介護老人福祉施設,北野三丁目6-7,03-5550-1203";
	CHECK_INT(count_type(providers, PII_PHONE), 0);
	CHECK_INT(count_type(providers, PII_ADDRESS), 0);
	static const char clients[] = "森川 トメ,要介護2,北野一丁目2-3,03-5550-1201\n"
				      "川村 ハナ,要支援1,北野二丁目4-5,03-5550-1202\n"
				      "谷口 キク,要介護3,北野三丁目6-7,03-5550-1203";
	CHECK_INT(count_type(clients, PII_PHONE), 3);
	/* a British flat and street */
	CHECK_INT(has_span("新しい住所は Flat 2, 9 Rowan Terrace, Leeds LS6 2AB, UK です。",
			   PII_ADDRESS, "Flat 2, 9 Rowan Terrace, Leeds LS6 2AB, UK"),
		  1);
	/* the head signing an official letter; the same name inside a
	 * sentence is read as before (session 25: a head's name closing its
	 * line in a text of several lines signs it, letter or not) */
	static const char letter[] = "北野総第118号\n令和8年12月1日\n北野商店会 会長 様\n"
				     "北野市長 森岡 伸一\n道路占用許可について（通知）\n下記のとおり許可します。";
	CHECK_INT(count_type(letter, PII_PERSON), 0);
	CHECK_INT(has_span("北野市長 森岡 伸一が道路占用許可について説明した。", PII_PERSON, "森岡 伸一"),
		  1);
	/* a bank's name opening with a place's word and kana */
	CHECK_INT(count_type("通報者：北野みどり信用金庫 駅前支店", PII_PERSON), 0);
	CHECK_INT(has_span("森川さんの銀行口座", PII_PERSON, "森川"), 1);
	/* an English phrase, not a name; a hyphenated given name is */
	CHECK_INT(count_type("放送文（英語）：\n\"Tsunami warning. Leave the beach now.\"", PII_PERSON), 0);
	CHECK_INT(has_span("申請者：Choi Min-jun", PII_PERSON, "Choi Min-jun"), 1);
	/* a document's original, not a surname */
	CHECK_INT(count_type("件名：届出\n森岡議員から届出を受領しました。原本は明日持参とのことです。\n"
			     "総務課 川村",
			     PII_PERSON),
		  2);
	/* a relation opening a comma cell before a Latin name */
	CHECK_INT(has_span("9:00-12:00,父 Omar Saleh 080-2214-5678", PII_PERSON, "Omar Saleh"), 1);
	/* a surname of one kanji after a space or a clause before a given
	 * name found alone; a relation is none */
	CHECK_INT(has_span("次に、5番 重 和博議員の質問を許します。", PII_PERSON, "重 和博"), 1);
	CHECK_INT(has_span("訪問予定だった禎 清子さんの件", PII_PERSON, "禎 清子"), 1);
	CHECK_INT(has_span("同居：妻 清子さん", PII_PERSON, "清子"), 1);
	/* the resident code's label shortened, spelled out, in half-width kana */
	CHECK_INT(has_span("住基コード：52081147361", PII_JP_RESIDENT_CODE, "52081147361"), 1);
	CHECK_INT(has_span("住民基本台帳コード 52081147361", PII_JP_RESIDENT_CODE, "52081147361"), 1);
	CHECK_INT(has_span("住民票ｺｰﾄﾞ 52081147361", PII_JP_RESIDENT_CODE, "52081147361"), 1);
	CHECK_INT(count_type("住基ネットの停止：12:00から13:00まで", PII_JP_RESIDENT_CODE), 0);
	/* a road's name after its class */
	CHECK_INT(count_type("路線\t延長\t区分\t受託業者\n市道 湊川線\t0.8km\t1次路線\t有限会社小森土木\n"
			     "市道 本町線\t1.2km\t1次路線\t株式会社北建設",
			     PII_PERSON),
		  0);
}

/* Mends from the read half of blind 562-577 (session 17), each on probes of
 * other names and towns, with the look-alikes each rule must leave. */
TEST(session_seventeen_mends)
{
	REQUIRE(setup());
	/* a fire brigade's ranks after a surname; not 方面隊長 (a district's) */
	CHECK_INT(has_span("[9:02] 佐藤団長：今夜の訓練は中止", PII_PERSON, "佐藤"), 1);
	CHECK_INT(has_span("鈴木補佐→田中係長\n12/8締切", PII_PERSON, "鈴木"), 1);
	CHECK_INT(count_type("古川方面隊長：年配の団員もいる", PII_PERSON), 0);
	CHECK_INT(count_type("消防団員が3名、機能別団員が2名", PII_PERSON), 0);
	/* a pet's name, breed and date of birth; a child's stay */
	CHECK_INT(count_type("犬の名前：もも（柴・メス）\n犬の生年月日：2025年4月2日", PII_PERSON), 0);
	CHECK_INT(count_type("犬の名前：もも（柴・メス）\n犬の生年月日：2025年4月2日", PII_DATE_OF_BIRTH),
		  0);
	CHECK_INT(has_span("氏名：森 花子（長女）\n生年月日：2015年4月2日", PII_DATE_OF_BIRTH,
			   "2015年4月2日"),
		  1);
	/* a correction's wrong and right My Number; not an order number's */
	static const char fix[] = "山本 さんの個人番号に誤りがありました。\n誤：123456789019\n正：123456789018";
	CHECK_INT(has_span(fix, PII_JP_MY_NUMBER, "123456789019"), 1);
	CHECK_INT(has_span(fix, PII_JP_MY_NUMBER, "123456789018"), 1);
	CHECK_INT(count_type("発注番号の訂正\n誤：123456789019\n正：123456789109", PII_JP_MY_NUMBER), 0);
	/* a 合同会社's representative makes its current account theirs */
	CHECK_INT(has_span("代表者：代表社員 森 健\n振込先：北野信用金庫 本店営業部 当座 0012345",
			   PII_JP_BANK_ACCOUNT, "北野信用金庫 本店営業部 当座 0012345"),
		  1);
	/* a row's old and new accounts, the second at a 組合; a 組合 holding
	 * the account is still an organisation */
	CHECK_INT(has_span("S-1,森 健,北野信用金庫 本町支店 普通 1102735,北野信用組合 本町支店 普通 1109418",
			   PII_JP_BANK_ACCOUNT, "北野信用金庫 本町支店 普通 1102735"),
		  1);
	CHECK_INT(count_type("北野銀行 本町支店 普通 1102735,北野漁業協同組合", PII_JP_BANK_ACCOUNT), 0);
	/* ゆうちょ's 記号 and 番号 in one cell */
	CHECK_INT(has_span("森 健,講座,ゆうちょ銀行,18450-21736951", PII_JP_BANK_ACCOUNT,
			   "ゆうちょ銀行,18450-21736951"),
		  1);
	/* a particle after the address's space; an office named there */
	CHECK_INT(has_span("北野市本町1234-5 から北野中央病院まで", PII_ADDRESS, "北野市本町1234-5"), 1);
	CHECK_INT(count_type("〒123-4567 北野市本町1-1 北野中央病院", PII_ADDRESS), 0);
	/* a relative's home after the hospital the sentence named */
	CHECK_INT(has_span("病院じゃなくて娘さんの家、北野市本町8-21で降ろして", PII_ADDRESS,
			   "北野市本町8-21"),
		  1);
	/* a dog's 所在地 under its owner; a company's 所在地 stays an office's */
	CHECK_INT(has_span("犬の登録事項変更届（所在地変更）\n所有者：森 友美\n"
			   "旧所在地：〒123-0815 北野市本町1丁目4番7号\n電話：080-7025-6614",
			   PII_ADDRESS, "北野市本町1丁目4番7号"),
		  1);
	CHECK_INT(count_type("株式会社北野\n所在地：〒123-0815 北野市本町1丁目4番7号", PII_ADDRESS), 0);
	/* a company's letterhead, its name glued after the legal form */
	CHECK_INT(count_type("有限会社北野オートサービス\n〒123-0006 北野市本町8-22\u3000TEL 0123-32-0917",
			     PII_ADDRESS),
		  0);
	CHECK_INT(count_type("有限会社北野オートサービス\n〒123-0006 北野市本町8-22\u3000TEL 0123-32-0917",
			     PII_PHONE),
		  0);
	/* whom a notice's reader is to call; an office is none */
	CHECK_INT(has_span("見かけたかたは新井までご連絡ください。\n090-1234-5678", PII_PERSON, "新井"), 1);
	CHECK_INT(count_type("詳しくは本庁までご連絡ください。\n090-1234-5678", PII_PERSON), 0);
	/* a shop's kind and name; its owner stays */
	CHECK_INT(count_type("事業者：カフェ ゆきみち（代表 森 美咲）", PII_PERSON), 1);
	/* a mail's copy line; a section copied is none */
	CHECK_INT(has_span("件名：相談の件\n宛先：森 主査\nCC：片山\n\n森さん\n昨日の件です。", PII_PERSON,
			   "片山"),
		  1);
	CHECK_INT(count_type("件名：相談の件\nCC：総務課\n\n昨日の件です。", PII_PERSON), 0);
	/* who handled a visit */
	CHECK_INT(has_span("対応記録（12/2 14:10～14:45\u3000対応：池田）", PII_PERSON, "池田"), 1);
}

/* Mends from the read half of blind 578-593 (session 17, second round). */
TEST(session_seventeen_second_mends)
{
	REQUIRE(setup());
	/* a municipality of hiragana ending like a particle; a sentence's は */
	CHECK_INT(has_span("住所：123-4567 あさぎは市本町1-2-3", PII_ADDRESS, "あさぎは市本町1-2-3"), 1);
	CHECK_INT(count_type("これは市の事業です", PII_ADDRESS), 0);
	/* a bank named after は, and a bank's kana that end in が */
	CHECK_INT(has_span("新しいのは北野銀行 本町支店 普通 4210776です", PII_JP_BANK_ACCOUNT,
			   "北野銀行 本町支店 普通 4210776"),
		  1);
	CHECK_INT(has_span("新口座 するが北野銀行 上野支店 普通 7720391。", PII_JP_BANK_ACCOUNT,
			   "するが北野銀行 上野支店 普通 7720391"),
		  1);
	/* a count of digits is no account */
	CHECK_INT(count_type("3 ゆうちょ銀行は記号5桁・番号8桁", PII_JP_BANK_ACCOUNT), 0);
	/* a form's label in hiragana */
	CHECK_INT(has_span("おなまえ 森 幸恵\nせいねんがっぴ S52.10.3", PII_DATE_OF_BIRTH, "S52.10.3"), 1);
	/* a relation called with さん; 孫 is a surname too */
	CHECK_INT(count_type("北野さん宅 12/9 14時 娘さん立会い 070-1358-6024", PII_PERSON), 1);
	CHECK_INT(has_span("中国語対応：孫さん（小3の娘 美琪ちゃん）", PII_PERSON, "孫"), 1);
	/* a lot's ハ部 is no unit: the phone under it stays the resident's */
	CHECK_INT(has_span("住所：北野市本町ハ部68番地2\n電話：0767-11-2222", PII_PHONE, "0767-11-2222"),
		  1);
	/* another number's label before four and six digits; a contact's */
	CHECK_INT(count_type("支出負担行為番号 0812-004417", PII_PHONE), 0);
	CHECK_INT(has_span("連絡先 0812-004417", PII_PHONE, "0812-004417"), 1);
	/* a return envelope's 行 */
	CHECK_INT(count_type("北野市 総合政策部 地域交通担当 行\n公文書 北政第502号", PII_PERSON), 0);
	/* the writer's own place after the hospital the sentence named */
	CHECK_INT(has_span("母は今北野の病院なので 私のところに送り直してもらえますか 〒920-0965 "
			   "南野市笠舞2丁目8-14 森 里美です",
			   PII_ADDRESS, "南野市笠舞2丁目8-14"),
		  1);
}

/* Mends from the read halves of blind 594-609, 610-625 and 626-641
 * (session 17, third to fifth rounds). */
TEST(session_seventeen_third_mends)
{
	REQUIRE(setup());
	/* a JA's savings and the fishers' cooperatives' bank */
	CHECK_INT(has_span("引落口座：JAみどり 下町支所 普通貯金 0209354", PII_JP_BANK_ACCOUNT,
			   "JAみどり 下町支所 普通貯金 0209354"),
		  1);
	CHECK_INT(has_span("振替口座：JFマリンバンク 北野支店 普通 0417752", PII_JP_BANK_ACCOUNT,
			   "JFマリンバンク 北野支店 普通 0417752"),
		  1);
	/* a record's question and answer, a timetable's stops; persons
	 * with their times stay */
	CHECK_INT(count_type("【電話応対記録】12/5 14:20 受付\n問：教会は中に入れるか。\n"
			     "答：日曜午前は見学できない時間帯あり。",
			     PII_PERSON),
		  0);
	CHECK_INT(count_type("北野 12:05 → 南野 12:18 → 本町 13:16", PII_PERSON), 0);
	CHECK_INT(count_type("北野 太郎 12:05 着、南野 花子 12:18 着", PII_PERSON), 2);
	/* 不明 in a name's cell, a guide called with さん */
	CHECK_INT(count_type("A-1,北野,森 律子,080-6655-9031,不明,,所有者調査中", PII_PERSON), 1);
	CHECK_INT(count_type("車いすでも回れるコースとガイドさんはありますか。", PII_PERSON), 0);
	/* a court's address and phone */
	CHECK_INT(count_type("※北野簡易裁判所：〒573-8505 北野市大垣内町2-9-37\u3000TEL 072-845-1261",
			     PII_ADDRESS),
		  0);
	/* a main line ending in 1111, unless a person is named right before */
	CHECK_INT(count_type("電話 0847-22-1111", PII_PHONE), 0);
	CHECK_INT(has_span("保護者 山田 048-201-1111", PII_PHONE, "048-201-1111"), 1);
	/* fourth round, from 610-624 (even): a word of time before は; the
	 * taker in brackets after 受 */
	CHECK_INT(count_type("連絡先：自宅 042-736-5512、日中は不在がちなので携帯 080-3321-4455",
			     PII_PERSON),
		  0);
	CHECK_INT(has_span("電話記録 12/3 10:40 受（北野）\n相手：森 幸夫さん", PII_PERSON, "北野"), 1);
	CHECK_INT(count_type("受（済）", PII_PERSON), 0);
	/* fifth round, from 626-640 (even): a phone's word glued after the
	 * name, a space and は after it; a fare's places either side of an
	 * arrow, a handover's names stay; ゆうちょ's labelled 記号 and 番号
	 * in one cell */
	CHECK_INT(has_span("新所有者の連絡先：090-4402-7318（北野 直樹携帯）", PII_PERSON, "北野 直樹"), 1);
	CHECK_INT(has_span("申請者 中村 タケシ ロドリゴ は自営（解体業）", PII_PERSON,
			   "中村 タケシ ロドリゴ"),
		  1);
	CHECK_INT(count_type("ORC-0412,2026/11/30,北野→南野,大人,10350", PII_PERSON), 0);
	CHECK_INT(count_type("上原→島袋さん 引継ぎ済み", PII_PERSON), 2);
	CHECK_INT(has_span("森 健,ゆうちょ銀行,記号12370 番号28815061,ﾓﾘ ｹﾝ", PII_JP_BANK_ACCOUNT,
			   "ゆうちょ銀行,記号12370 番号28815061"),
		  1);
}

TEST(session_eighteen_mends)
{
	REQUIRE(setup());
	/* from 642-656 (even): a water tap's number (a phone's last part
	 * has four digits); a person's phones stay */
	CHECK_INT(count_type("水栓番号：0216-0453-12", PII_PHONE), 0);
	CHECK_INT(count_type("[08:35] 北野：0311-2208-04、0311-2210-01です", PII_PHONE), 0);
	CHECK_INT(has_span("携帯 090-4402-7318", PII_PHONE, "090-4402-7318"), 1);
	CHECK_INT(has_span("自宅 0155-33-6120", PII_PHONE, "0155-33-6120"), 1);
	/* the company forms written as one sign */
	CHECK_INT(count_type("12/5(土) ㈱北野設備 北野市中央1丁目 0155-33-6120", PII_PHONE), 0);
	CHECK_INT(count_type("南野工業㈲ 0155-31-2284 の担当あてです", PII_PHONE), 0);
	/* a column of users' numbers written 4-6; a pension's column stays */
	CHECK_INT(count_type("利用者番号,氏名,電話\n2103-004518,北野 健一,025-543-6672",
			     PII_JP_BASIC_PENSION_NUMBER),
		  0);
	CHECK_INT(has_span("基礎年金番号,氏名,電話\n2103-004518,北野 健一,025-543-6672",
			   PII_JP_BASIC_PENSION_NUMBER, "2103-004518"),
		  1);
	/* a postal code opening a row, or after an address and 、 */
	CHECK_INT(has_span("506-0004,北野市桐生町3丁目228,森 信子 様", PII_POSTAL_CODE, "506-0004"), 1);
	CHECK_INT(has_span("新住所は和歌山県北野市本町1804-2、649-3503です。", PII_POSTAL_CODE,
			   "649-3503"),
		  1);
	CHECK_INT(count_type("新住所は和歌山県北野市本町1804-2、090-1234-5678です。", PII_POSTAL_CODE), 0);
	/* a correction of a birth date or a licence's number in the
	 * sentence after the one that names it */
	CHECK_INT(has_span("生年月日欄を誤って記入しました。正しくは昭和47年12月3日です。",
			   PII_DATE_OF_BIRTH, "昭和47年12月3日"),
		  1);
	CHECK_INT(has_span("運転免許証のコピーを同封し忘れました。番号は302109447521です。",
			   PII_JP_DRIVERS_LICENSE, "302109447521"),
		  1);
	/* serials a line each are no My Numbers; one after its label is */
	CHECK_INT(count_type("追跡番号一覧\n428155307716\n428155307727\n428155307738\n428155307749",
			     PII_JP_MY_NUMBER),
		  0);
	CHECK_INT(has_span("個人番号：428155307749", PII_JP_MY_NUMBER, "428155307749"), 1);
	/* second round, from 658-672 (even): a main line ending in 2111;
	 * a note after a value that an organisation shares it (not a
	 * family); a landline of a residents' association's row (not a
	 * company's or a society's) is its representative's */
	CHECK_INT(count_type("電話：0173-72-2111", PII_PHONE), 0);
	CHECK_INT(has_span("保護者 山田 0173-72-2111", PII_PHONE, "0173-72-2111"), 1);
	CHECK_INT(count_type("返信先：vc@kita-syakyo.or.jp（センター共用）", PII_EMAIL), 0);
	CHECK_INT(count_type("先方FAX 0538-42-3391（会社代表）", PII_PHONE), 0);
	CHECK_INT(has_span("連絡先：0538-42-3391（家族共用）", PII_PHONE, "0538-42-3391"), 1);
	CHECK_INT(count_type("団体名,代表者,電話\n北野地区老人クラブ連合会,吉田 幸雄,0246-25-3306\n"
			     "北野商工会,大平 昭,0246-26-9014",
			     PII_PHONE),
		  1);
	CHECK_INT(count_type("会社名,代表者,電話\n株式会社北野,吉田 幸雄,0246-25-3306", PII_PHONE), 0);
	/* third round, from 674-680 (even): passports after a name and
	 * さんは in a sentence that names them; a care service's numbers;
	 * ten digits opening a row; a value joined by と to its twin */
	CHECK_INT(has_span("パスポート番号の記載が必要とのことで、KIM SOONJAさんはM48219736で出しています。",
			   PII_PASSPORT, "M48219736"),
		  1);
	CHECK_INT(count_type("放課後等デイサービス きたの\u3000TEL 0235-64-1182\u3000FAX 0235-64-1183",
			     PII_PHONE),
		  0);
	CHECK_INT(count_type("訪問看護ステーション北野（0235-33-4072）", PII_PHONE), 0);
	CHECK_INT(count_type("0620014871\t北野 颯太\t2015/07/22\n0620014889\t南野 莉子\t2018/11/02",
			     PII_PHONE),
		  0);
	CHECK_INT(count_type("0201011808,研修負担金,1200000", PII_PHONE), 0);
	CHECK_INT(has_span("0620014871 まで電話ください", PII_PHONE, "0620014871"), 1);
	CHECK_INT(has_span("住民票コード 27384019562 と 27384019570 で別人扱い", PII_JP_RESIDENT_CODE,
			   "27384019570"),
		  1);
	CHECK_INT(has_span("生年月日、昭和10年3月5日と昭和10年5月3日の2つが混在しています。",
			   PII_DATE_OF_BIRTH, "昭和10年5月3日"),
		  1);
	CHECK_INT(count_type("会議は3月5日と5月3日です。", PII_DATE_OF_BIRTH), 0);
	/* fourth round, from 682-696 (even): a lot of three digits or more
	 * to its 番 after a home's label (a stop's number stays); a licence's
	 * number after an ellipsis; a barcode after JANコード */
	CHECK_INT(has_span("住所は北野市上原町1622番です。", PII_ADDRESS, "北野市上原町1622番"), 1);
	CHECK_INT(count_type("バス停は北野町5番です。", PII_ADDRESS), 0);
	CHECK_INT(has_span("本人確認で免許証を拝見します。…番号951804627310、確認しました。",
			   PII_JP_DRIVERS_LICENSE, "951804627310"),
		  1);
	CHECK_INT(count_type("品番：TR-7WF\u3000JANコード 4571180260318", PII_JP_CORPORATE_NUMBER), 0);
	CHECK_INT(has_span("法人番号 4571180260318", PII_JP_CORPORATE_NUMBER, "4571180260318"), 1);
	/* the Republic of Korea's passports since 2021; a part number of the
	 * same shape without a passport's word stays */
	CHECK_INT(has_span("旅券番号：M123A4567", PII_PASSPORT, "M123A4567"), 1);
	CHECK_INT(count_type("品番 M123A4567 を注文", PII_PASSPORT), 0);
	/* fifth round, from 698-704 (even): a ゆうちょ account's shape alone
	 * (記号 1…0, 番号 of eight digits ending with 1); a mailbox that only
	 * sends; an association's row keeps its representative's address */
	CHECK_INT(has_span("申請書は 17420-21853071 です", PII_JP_BANK_ACCOUNT, "17420-21853071"), 1);
	CHECK_INT(count_type("注文番号 17420-21853072", PII_JP_BANK_ACCOUNT), 0);
	CHECK_INT(count_type("送信元：kagakukan@city.kitano.lg.jp（送信専用）", PII_EMAIL), 0);
	CHECK_INT(count_type("団体名,代表者,住所,電話\n北野花の会,林 和子,北野市開明字樋口22番地の4,0586-45-1872\n"
			     "株式会社北野,森 一郎,北野市本町1-2-3,0586-45-1873",
			     PII_ADDRESS),
		  1);
	/* a former address and the estate's flat of the next cell are two
	 * addresses (a tab parts them) */
	CHECK_INT(has_span("H-0231\t北野 スミエ\t北野市下新町312\t北野市下青井町215番地 下青井団地1-102",
			   PII_ADDRESS, "北野市下新町312"),
		  1);
}

TEST(session_nineteen_mends)
{
	/* from 714-728 (even): a lot number closing a record's cell between
	 * slashes or bars */
	CHECK_INT(has_span("北野 太郎／北野市本町516／0586-45-1874／透析", PII_ADDRESS,
			   "北野市本町516"),
		  1);
	CHECK_INT(has_span("北野 太郎｜北野市本町516｜0586-45-1874", PII_ADDRESS, "北野市本町516"), 1);
	/* a staff member's own address against the office's */
	CHECK_INT(has_span("庁舎のメールが使えないので個人アドレス（kitano.hanako@example.jp）から送ります。",
			   PII_EMAIL, "kitano.hanako@example.jp"),
		  1);
	CHECK_INT(count_type("庁舎のメール（soumu@city.kitano.lg.jp）へ送ってください。", PII_EMAIL), 0);
	/* a place and の before a municipality of its own (two kanji after
	 * の); 隠岐の島町 keeps its の */
	CHECK_INT(has_span("川北の北野市川北1220-35の森です", PII_ADDRESS, "北野市川北1220-35"), 1);
	CHECK_INT(has_span("住所：隠岐の島町港町塩口24番地", PII_ADDRESS, "隠岐の島町港町塩口24番地"), 1);
	/* a table's district column holds places, its name column names */
	CHECK_INT(count_type("地区,氏名,年齢,住所,連絡先\n田野浦,田野浦 清,78,黒潮町田野浦742,0880-55-3164",
			     PII_PERSON),
		  1);
	CHECK_INT(has_span("地区,氏名,年齢,住所,連絡先\n田野浦,田野浦 清,78,黒潮町田野浦742,0880-55-3164",
			   PII_PERSON, "田野浦 清"),
		  1);
	/* a route's stops, and a list of places; chains and lists of
	 * persons stay */
	CHECK_INT(count_type("1日目：池間 → 狩俣 → 島尻\n2日目：城辺 → 保良 → 新城", PII_PERSON), 0);
	CHECK_INT(count_type("回覧 堀→中世古→森", PII_PERSON), 3);
	CHECK_INT(count_type("宇佐美、湯川、松原、川奈、富戸の警戒区域に避難指示を出しました。", PII_PERSON),
		  0);
	CHECK_INT(count_type("出席：田中 一郎、鈴木 花子、佐藤 次郎、高橋 三郎", PII_PERSON), 4);
	/* public bodies and firms before their contacts */
	CHECK_INT(count_type("1 北野県家畜保健衛生所　0994-42-4141", PII_PHONE), 0);
	CHECK_INT(count_type("北野商工会議所（北野市中央一丁目7番5号 TEL 0242-27-1212）", PII_ADDRESS), 0);
	CHECK_INT(count_type("北野海運（フェリーきたの）0980-87-2555", PII_PHONE), 0);
	/* 獣 of 獣医師 is no part of the name; a kanji inside a code is no
	 * name */
	CHECK_INT(has_span("相手：北野 隆獣医師", PII_PERSON, "北野 隆"), 1);
	CHECK_INT(count_type("賞味期限2029年3月\n対応：修繕依頼書 R8修-0932 で発注済", PII_PERSON), 0);
}

TEST(session_nineteen_second_mends)
{
	/* from 730-742 (even): a municipality named in kana alone, whose
	 * name holds a particle's kana; 東かがわ市 keeps its kanji */
	CHECK_INT(has_span("資料郵送→つがる市木造菰槌字前田17", PII_ADDRESS, "つがる市木造菰槌字前田17"),
		  1);
	CHECK_INT(has_span("住所：東かがわ市引田1234", PII_ADDRESS, "東かがわ市引田1234"), 1);
	/* a nationality's cell between a name and its birth date */
	CHECK_INT(has_span("ブイ・クアン・フイ\tベトナム\t2000-08-11\tEK52817340TP", PII_DATE_OF_BIRTH,
			   "2000-08-11"),
		  1);
	/* a section or a hospital in a column of persons */
	CHECK_INT(count_type("日付,依頼者,対象者,言語\n11/26,国際交流課,グエン・ティ・ホア,ベトナム語",
			     PII_PERSON),
		  1);
	/* a sentence in hiragana; a language after a name */
	CHECK_INT(count_type("相談者：ひっこし しました。住所 かえたいです。", PII_PERSON), 0);
	CHECK_INT(has_span("ファム・ティ・ラン ベトナム語 日曜のみ 080-3349-7702", PII_PERSON,
			   "ファム・ティ・ラン"),
		  1);
	/* an iroha letter's lot before a particle, and after 丁目 */
	CHECK_INT(has_span("住所は加賀市山中温泉菅谷町ハ212でナビ入れてます", PII_ADDRESS,
			   "加賀市山中温泉菅谷町ハ212"),
		  1);
	CHECK_INT(has_span("新しいのは白山市鶴来本町4丁目ヌ55です", PII_ADDRESS, "白山市鶴来本町4丁目ヌ55"),
		  1);
}

TEST(session_nineteen_third_mends)
{
	/* from 744-756 (even): a label opening a longer word that a particle
	 * closes (住所表示が…); a value after the label's colon stays whole */
	CHECK_INT(has_span("また、住所表示が北野市笠原町向島2432番地の7に変更になっています。", PII_ADDRESS,
			   "北野市笠原町向島2432番地の7"),
		  1);
	CHECK_INT(has_span("住所：緑が丘4-12-8", PII_ADDRESS, "緑が丘4-12-8"), 1);
	/* a particle opening a bank's part after a bracket */
	CHECK_INT(has_span("掛金（年額8,400円）は北野銀行 和具支店 普通 4471092からの口座振替", PII_JP_BANK_ACCOUNT,
			   "北野銀行 和具支店 普通 4471092"),
		  1);
	/* a row's amount after its account and a cell of words */
	CHECK_INT(count_type("森 一郎,北野農業協同組合,本所,普通,0412638,堆肥舎補修,1240000",
			     PII_JP_BANK_ACCOUNT),
		  1);
	/* the taker's surname glued before 受 closing a memo's heading */
	CHECK_INT(has_span("【電話】12/5 16:40 環境課 西尾受\n「北野市本町8丁目31の森です。", PII_PERSON, "西尾"),
		  1);
	CHECK_INT(count_type("本日受", PII_PERSON), 0);
	/* an introduction after a greeting and 、 */
	CHECK_INT(has_span("お疲れさまです、能代の成田です。", PII_PERSON, "成田"), 1);
	/* two persons joined by an honorific, の and a relation */
	CHECK_INT(has_span("相談者：阿部 勝男さんの妻 阿部 ヨシ子さん", PII_PERSON, "阿部 勝男"), 1);
	CHECK_INT(has_span("相談者：阿部 勝男さんの妻 阿部 ヨシ子さん", PII_PERSON, "阿部 ヨシ子"), 1);
}

TEST(session_nineteen_fourth_mends)
{
	/* from 758-772 (even): places and sights named in English; a Korean
	 * surname of the same letters as a word stays a name */
	CHECK_INT(count_type("We will stay two nights near Lake Chuzenji and visit Kegon Falls.", PII_PERSON),
		  0);
	CHECK_INT(has_span("ソウルから来られる Park Ji-won さんの登録", PII_PERSON, "Park Ji-won"), 1);
	/* a passport's shape with letters under a sentence naming the
	 * passport; the same code under an order's does nothing */
	CHECK_INT(has_span("予約時に入力したパスポート番号と実物が違う。\n予約上：M40718236　正：M40718263",
			   PII_PASSPORT, "M40718263"),
		  1);
	CHECK_INT(count_type("注文番号の確認。\n予約上：M40718236", PII_PASSPORT), 0);
	/* the mayor signing an announcement (（お知らせ）) */
	CHECK_INT(count_type("北野駅周辺整備事業について（お知らせ）\n北野市は事業認定の申請を行いました。\n\n"
			     "令和8年12月7日\n北野市長 山田 太郎",
			     PII_PERSON),
		  0);
}

TEST(session_nineteen_fifth_mends)
{
	/* from 790-804 (even): an estate's block and flat after a lot and a
	 * space; a municipality whose name mixes kana and kanji */
	CHECK_INT(has_span("住所：北野市芝園町3-7 5号棟1203号室", PII_ADDRESS, "北野市芝園町3-7 5号棟1203号室"), 1);
	CHECK_INT(has_span("代理人住所：〒899-2101 いちき串木野市湊町二丁目118番地", PII_ADDRESS,
			   "いちき串木野市湊町二丁目118番地"),
		  1);
	/* the town after ハローワーク, and the office's number */
	CHECK_INT(count_type("A3 ハローワーク村山（TEL 0237-55-8609）", PII_PERSON), 0);
	CHECK_INT(count_type("A3 ハローワーク村山（TEL 0237-55-8609）", PII_PHONE), 0);
	/* the taker after 受付 and a colon, or glued after 担当; 担当課 and
	 * 大家 as a surname stay what they are */
	CHECK_INT(has_span("（電話受付記録 8/23 16:40 受付：川瀬）\n相談者：息子が", PII_PERSON, "川瀬"), 1);
	CHECK_INT(has_span("訪問メモ 11/30 担当江口\n館内町の田中 キミエさん宅。", PII_PERSON, "江口"), 1);
	CHECK_INT(count_type("担当課へ回付。", PII_PERSON), 0);
	CHECK_INT(has_span("世帯主：大家 ミヨ　昭和7年4月29日生", PII_PERSON, "大家 ミヨ"), 1);
}

TEST(session_twenty_mends)
{
	/* from 806-820 (even), running text only: a town's 組 and its lot
	 * after の, a hamlet's numbered part and 字 before the lot, a
	 * reclaimed district in kana, katakana and kanji */
	CHECK_INT(has_span("家は北浜市南荘園町17組の8で、旅館まで自転車で10分。", PII_ADDRESS,
			   "北浜市南荘園町17組の8"),
		  1);
	CHECK_INT(has_span("住所は鳳至郡港町字鵜沢21字16番地\n電話は", PII_ADDRESS,
			   "鳳至郡港町字鵜沢21字16番地"),
		  1);
	CHECK_INT(has_span("場所は珠浦市宝町鵜飼20字12番地です。", PII_ADDRESS, "珠浦市宝町鵜飼20字12番地"), 1);
	CHECK_INT(has_span("住所は泉浜市りんくう往来北2番地の18-904です。", PII_ADDRESS,
			   "泉浜市りんくう往来北2番地の18-904"),
		  1);
	CHECK_INT(has_span("現住所は田浜町りんくうポート南1番地の3 マリンヴィラ508です。", PII_ADDRESS,
			   "田浜町りんくうポート南1番地の3 マリンヴィラ508"),
		  1);
	/* a temporary-housing estate's numbered wing and unit, the town
	 * before it after a particle; the estate's wing alone names no home */
	CHECK_INT(has_span("いまは輪浜市山本町 山本町団地 2号棟6号室に住んでいます。", PII_ADDRESS,
			   "輪浜市山本町 山本町団地 2号棟6号室"),
		  1);
	CHECK_INT(count_type("説明会は山本町団地 2号棟の集会所で開きます。", PII_ADDRESS), 0);
	/* the town hall and an inn's staff addressed with さん */
	CHECK_INT(count_type("高浜市役所さんへ。さっき道を聞かれました。", PII_PERSON), 0);
	CHECK_INT(count_type("湯宿さん、仲居さんが2人同時に辞めて困っています。", PII_PERSON), 0);
	/* an account's holder in full-width katakana after 名義, two words;
	 * one word is a thing */
	CHECK_INT(has_span("普通 0382715とのこと。名義はマツモト ユカ、本人名義です。", PII_PERSON,
			   "マツモト ユカ"),
		  1);
	CHECK_INT(has_span("通帳の名義がシモムラ シズカになっていました。", PII_PERSON, "シモムラ シズカ"), 1);
	CHECK_INT(count_type("名義はカタカナで記入してください。", PII_PERSON), 0);
	/* a hand-over's heading above the arrow's line, and the right side
	 * closed by さん */
	CHECK_INT(has_span("引継ぎメモ（住宅相談窓口）\n12/4 西田→宮崎\n・家賃補助の受付5件。", PII_PERSON,
			   "西田"),
		  1);
	CHECK_INT(has_span("引き継ぎメモ（今井→宮下さん）\n補助金の申請のうち", PII_PERSON, "今井"), 1);
	/* a crew's or a chat's role glued before a surname; 事務 and 係長
	 * only before a speaker's colon */
	CHECK_INT(has_span("6:25 港着、救急車に引き継ぎ。船長大坪、機関員中尾。", PII_PERSON, "大坪"), 1);
	CHECK_INT(has_span("10:07 事務森本：了解。", PII_PERSON, "森本"), 1);
	CHECK_INT(count_type("希望業種 事務用品、OA機器", PII_PERSON), 0);
	CHECK_INT(count_type("24時間対応、看護師常駐。係長会議は月曜。", PII_PERSON), 0);
	/* a switchboard's number with its extension after a space */
	CHECK_INT(count_type("産業振興課 五味 健太郎（0266-27-1111 内線341）", PII_PHONE), 0);
	/* a list of places and the facilities there */
	CHECK_INT(count_type("ヘリの着陸地点一覧\n福江：中央公園多目的広場\n富江：富江運動公園\n"
			     "岐宿：岐宿運動公園\n久賀：久賀島グラウンド",
			     PII_PERSON),
		  0);
	/* 私は, the owner and の before the writer's surname */
	CHECK_INT(has_span("転出の件です。私は総務の守屋といいます。", PII_PERSON, "守屋"), 1);
	CHECK_INT(count_type("私はこの町の出身です。", PII_PERSON), 0);
	/* the place glued after a cooperative's letters; the staff member
	 * after it and a space */
	CHECK_INT(count_type("出席 会長、JA庄内みどり遊佐支店長、農業委員会事務局長", PII_PERSON), 0);
	CHECK_INT(has_span("書類は送っとくので。JA鶴岡 鈴木", PII_PERSON, "鈴木"), 1);
	CHECK_INT(count_type("書類は送っとくので。JA鶴岡 鈴木", PII_PERSON), 1);
	/* a surname opening a line before its owner's e-mail; a section's
	 * word does not */
	CHECK_INT(has_span("担当の方を教えてください。\n村上 murakami.t@airclean.example.jp", PII_PERSON,
			   "村上"),
		  1);
	CHECK_INT(has_span("電話ください。\n坂口（t.sakaguchi.beppu@example.com）", PII_PERSON, "坂口"), 1);
	CHECK_INT(count_type("お問い合わせ\n総務（soumu@city.example.jp）", PII_PERSON), 0);
	/* a hiragana given name before と申します; whom to ask before まで
	 * and a number in brackets, an office there no one */
	CHECK_INT(has_span("ホテルで働いている菅谷 ひかりと申します。", PII_PERSON, "菅谷 ひかり"), 1);
	CHECK_INT(has_span("分からないことは大西まで（070-2291-5803）。", PII_PERSON, "大西"), 1);
	CHECK_INT(count_type("詳しくは市役所まで（0120-123-456）", PII_PERSON), 0);
}

TEST(session_twenty_second_mends)
{
	/* from 822-834 (even): who wrote a record glued after 記録 or 記録者;
	 * 記録用紙 is a word */
	CHECK_INT(has_span("12月3日（木）14時20分受電、記録者松尾。門司区の", PII_PERSON, "松尾"), 1);
	CHECK_INT(has_span("家族で話し合ってもらう方向。記録樋口。", PII_PERSON, "樋口"), 1);
	CHECK_INT(count_type("記録用紙に書いてください。", PII_PERSON), 0);
	/* a caller's surname after an apology */
	CHECK_INT(has_span("すみません吉成です、今日の練習は19時半から", PII_PERSON, "吉成"), 1);
	/* the 地割 without 第 */
	CHECK_INT(has_span("ホームの住所は北浜市村崎野17地割178番地。", PII_ADDRESS, "北浜市村崎野17地割178番地"),
		  1);
	/* a time opening a memo's sentence; a shared mailbox named 共用 */
	CHECK_INT(count_type("戸田さんと金城さんが交代で入ります。時間は午前9時から正午", PII_PERSON), 2);
	CHECK_INT(count_type("復興課の共用アドレス fukkou@pref.example.jp へ。", PII_EMAIL), 0);
	/* the writer closing a dated memo's bracket; a room there is no one */
	CHECK_INT(has_span("電話受付メモ（医療課 12/3 10:20 受け 村松）\n母島の石井 幸雄さんから。", PII_PERSON,
			   "村松"),
		  1);
	CHECK_INT(count_type("会議（12/3 本庁 大会議室）", PII_PERSON), 0);
	/* a unit's members after its colon; a list of sections is no one */
	CHECK_INT(has_span("出席者\n観光課：谷口、近藤、大西\n消防局：三木 直人", PII_PERSON, "近藤"), 1);
	CHECK_INT(count_type("対象課：福祉課、保険課", PII_PERSON), 0);
	/* a relative's phone after a hospital was named; a new
	 * representative's address and phone; the city's switchboard stays
	 * the city's */
	CHECK_INT(has_span("赤十字病院に搬送、奥さんの電話は088-631-8826です。", PII_PHONE, "088-631-8826"), 1);
	CHECK_INT(has_span("新代表の住所は徳島市佐古六番町11-4、電話090-4408-1179です。", PII_ADDRESS,
			   "徳島市佐古六番町11-4"),
		  1);
	CHECK_INT(count_type("市役所代表の電話は088-621-5111です。", PII_PHONE), 0);
	/* eleven digits shortly after 住民票コード was named; another
	 * number's label, or a mobile without hyphens, keeps its own */
	CHECK_INT(has_span("住民票コードが必要なので、写しを取ったところ40718352960でした。", PII_JP_RESIDENT_CODE,
			   "40718352960"),
		  1);
	CHECK_INT(count_type("住民票コードは不要です。報告番号 20261130001。", PII_JP_RESIDENT_CODE), 0);
	CHECK_INT(has_span("住民票コードは要りません。明日09012345678に折り返してください。", PII_PHONE,
			   "09012345678"),
		  1);
	/* a writer's surname signing a line after its last sentence; a
	 * letter's closing word is no one */
	CHECK_INT(has_span("部屋は団地の1号棟203です。大坂", PII_PERSON, "大坂"), 1);
	CHECK_INT(has_span("受入れ先にも報告済。秋野 13:25", PII_PERSON, "秋野"), 1);
	CHECK_INT(has_span("（以下、メールを転送します。竹内）\n\n> いつも", PII_PERSON, "竹内"), 1);
	CHECK_INT(count_type("どうかご検討ください。敬具", PII_PERSON), 0);
	/* a full name's surname whole after a role glued before it */
	CHECK_INT(has_span("キーパーソンは長男津和崎 亮さん（090-8140-2273）。", PII_PERSON, "津和崎 亮"), 1);
	CHECK_INT(has_span("当社警備員佐古田 勇（58歳）がめまいを訴え", PII_PERSON, "佐古田 勇"), 1);
	/* a card's fields after が, as after は; a symbol that differs is no
	 * value */
	CHECK_INT(has_span("国保で、記号が若松12、番号が3084、枝番が02です。", PII_JP_HEALTH_INSURANCE, "3084"), 1);
	CHECK_INT(count_type("保険証の記号が違うので再発行します。", PII_JP_HEALTH_INSURANCE), 0);
}

TEST(session_twenty_one_mends)
{
	REQUIRE(setup());
	/* from 864-878 (even): a name signing a message after a space, after
	 * a verb, a sentence's end or the writer's phone; a list's closing
	 * word, a table's row and a word after a noun are no one */
	CHECK_INT(has_span("資料は今夜中にメールします 高幡", PII_PERSON, "高幡"), 1);
	CHECK_INT(has_span("明日また電話ください 070-2214-9863 いしかわ", PII_PERSON, "いしかわ"), 1);
	CHECK_INT(has_span("連絡ください 090 3318 7742 平良まさお", PII_PERSON, "平良まさお"), 1);
	CHECK_INT(has_span("なんかあったら09022816534  ミツコ", PII_PERSON, "ミツコ"), 1);
	CHECK_INT(count_type("何かあれば私用携帯 080-2291-5047 まで", PII_PERSON), 0);
	CHECK_INT(count_type("出席議員 12名　欠席議員 なし", PII_PERSON), 0);
	CHECK_INT(count_type("開催：令和6年11月7日（木）三重県庁 講堂", PII_PERSON), 0);
	CHECK_INT(count_type("協力：警察署、医師会、市内小中学校長会 ほか", PII_PERSON), 0);
	/* the writer's surname and phone after the last sentence */
	CHECK_INT(has_span("看板もっと増やして。次来たら警察呼ぶから。及川　0167-29-2281", PII_PERSON,
			   "及川"),
		  1);
	/* 記入： labels a name */
	CHECK_INT(has_span("引継ぎメモ（12/4 夕方 記入：吉村）\n・エレベーター停止", PII_PERSON, "吉村"), 1);
	/* an English introduction before a comma and the next clause's I;
	 * Portuguese aqui é a */
	CHECK_INT(has_span("Hi, this is Kayla Brooks, I live off base in Misawa.", PII_PERSON,
			   "Kayla Brooks"),
		  1);
	CHECK_INT(has_span("Oi Juliana, tudo bem? aqui é a Fernanda do curso de japonês.", PII_PERSON,
			   "Fernanda"),
		  1);
	/* a caller's place at the start of their turn, and where someone
	 * lives, are no names; a caller's full name there is */
	CHECK_INT(count_type("職員：はい、八戸市役所です。\n相談者：新井田に住んでる者だけど、名前は言いたくない。",
			     PII_PERSON),
		  0);
	CHECK_INT(count_type("職員：はい。\n相談者：あの、平良でカフェをやってる者ですけど", PII_PERSON), 0);
	CHECK_INT(count_type("職員：はい、市民課です。\n相談者：佐田の沈下橋のとこ、車がはみ出してて", PII_PERSON),
		  0);
	CHECK_INT(has_span("職員：お名前をお願いします。\n相談者：松尾 トシ子で、住所は長崎市立山3丁目8番21号です。",
			   PII_PERSON, "松尾 トシ子"),
		  1);
	CHECK_INT(has_span("職員：国民年金の窓口です。\n相談者：宮国 ヨシの長男で宮国 勝といいます。", PII_PERSON,
			   "宮国 ヨシ"),
		  1);
	/* a word and a surname parted by a space: the surname alone; a
	 * Korean given name ENAMDICT lists as a surname stays */
	CHECK_INT(has_span("いま北星山の下　斉藤さんちのラベンダー畑に観光客", PII_PERSON, "斉藤"), 1);
	CHECK_INT(has_span("件名：申請書類について（鳴滝 草野様邸）", PII_PERSON, "草野"), 1);
	CHECK_INT(has_span("有限会社ハン精密（代表 韓 在元、法人番号 7499911398145）", PII_PERSON, "韓 在元"), 1);
	/* from 880-894 (even): a self-introduction opening a line or after
	 * a space; a word of time before の is no owner */
	CHECK_INT(has_span("おつかれさまです 岩木の外崎です\nあした収穫の手伝い 3人いけます", PII_PERSON, "外崎"), 1);
	CHECK_INT(has_span("いま沢渡の第2駐車場　遭対協の滝沢です　行方不明者の車ありました", PII_PERSON, "滝沢"),
		  1);
	CHECK_INT(count_type("明日の会議です 資料を持ってきてください", PII_PERSON), 0);
	/* the writer's own direct line after 私の; an office's stays */
	CHECK_INT(has_span("ご不明な点は私の直通0263-40-1962までお電話ください。", PII_PHONE, "0263-40-1962"), 1);
	CHECK_INT(count_type("ご不明な点は農政課（0263-71-2000）までお電話ください。", PII_PHONE), 0);
	/* a bank's name after a word's inflected kana or a kanji word; a
	 * cooperative's name in kana is its own */
	CHECK_INT(has_span("前回と同じ鹿児島銀行 鴨池支店 普通 1048276とのことです", PII_JP_BANK_ACCOUNT,
			   "鹿児島銀行 鴨池支店 普通 1048276"),
		  1);
	CHECK_INT(has_span("受取口座は当面ゆうちょ銀行 記号12380 番号45197261を残し", PII_JP_BANK_ACCOUNT,
			   "ゆうちょ銀行 記号12380 番号45197261"),
		  1);
	CHECK_INT(has_span("振込先：つがる弘前農業協同組合 岩木支店 普通 0082516", PII_JP_BANK_ACCOUNT,
			   "つがる弘前農業協同組合 岩木支店 普通 0082516"),
		  1);
	/* a chat's one-kanji speaker after the time, and a speaker with a
	 * title glued; 副会長 is the title alone */
	CHECK_INT(has_span("09:12 北村：三角公園のベンチ、今朝は姿なしです\n09:14 辻：花園公園の方は見た？\n09:15 "
			   "北村：見てないです\n09:17 辻：了解",
			   PII_PERSON, "辻"),
		  1);
	CHECK_INT(has_span("08:05 石野：今日から登校です\n08:06 松井教頭：了解。\n08:10 石野：取り出し指導開始ですね\n"
			   "08:11 松井教頭：調整済みです",
			   PII_PERSON, "松井"),
		  1);
	CHECK_INT(count_type("10:01 石野：資料です\n10:02 副会長：了解\n10:03 石野：はい\n10:04 副会長：どうも", PII_PERSON),
		  2);
	/* a place where someone stays */
	CHECK_INT(count_type("弟が富山におります。", PII_PERSON), 0);
	/* from 896-910 (even): two staff members joined by と or ・ before a
	 * count or a visit; two places before 実施 stay places only when
	 * ENAMDICT does not list them as surnames */
	CHECK_INT(has_span("当日は吉田と中島の2名で伺います", PII_PERSON, "中島"), 1);
	CHECK_INT(has_span("あした時化で出港なし 阿部と菊地には連絡済み", PII_PERSON, "菊地"), 1);
	CHECK_INT(has_span("建築住宅課の木島と私の2名で伺います。", PII_PERSON, "木島"), 1);
	CHECK_INT(count_type("東京と大阪で実施", PII_PERSON), 0);
	/* a speaker before a quote on two lines, a surname and a title
	 * before a colon; the title's own prefix is no one */
	CHECK_INT(has_span("チャットまとめ\n安田「来週一緒に現地行きます」\n森「了解」", PII_PERSON, "森"), 1);
	CHECK_INT(count_type("有料演舞場の座席番号\n例「藍場浜 第2部 S-08-114」", PII_PERSON), 0);
	CHECK_INT(has_span("会議録\n刑部副会長：私有地の駐車はチェーンを", PII_PERSON, "刑部"), 1);
	CHECK_INT(count_type("議長：集積所の件からです。\n副会長：意見なし\n本部長：副市長", PII_PERSON), 0);
	/* what someone does before their name; a parent named by the
	 * child's surname */
	CHECK_INT(has_span("相談者：重井町で船の配管の下請けをやっている天野といいます。", PII_PERSON, "天野"), 1);
	CHECK_INT(has_span("電話に出られずすみません。成田の母です。廃業届の書類は", PII_PERSON, "成田"), 1);
	/* a bank's name after として or では */
	CHECK_INT(has_span("振込先として北洋銀行 釧路中央支店 普通 3398120をお伺いしています", PII_JP_BANK_ACCOUNT,
			   "北洋銀行 釧路中央支店 普通 3398120"),
		  1);
	CHECK_INT(has_span("お預かりしたメモではJA阿蘇 波野支所 普通 0038421となっています", PII_JP_BANK_ACCOUNT,
			   "JA阿蘇 波野支所 普通 0038421"),
		  1);
	/* a name made whole: katakana words joined by ・, a Latin word, a
	 * one-kanji given name's second kanji; an honorific stays out, and a
	 * contact's label after a surname is no given name */
	CHECK_INT(has_span("帰国予定のフェヘイラ・ダ・コスタ・パウロさん（1981年9月3日生）", PII_PERSON,
			   "フェヘイラ・ダ・コスタ・パウロ"),
		  1);
	CHECK_INT(has_span("相談者：河口湖のホテルで働いているホアン・ミン・ドゥックです。", PII_PERSON,
			   "ホアン・ミン・ドゥック"),
		  1);
	CHECK_INT(has_span("佐々木 恵梨 様\n尾道市空き店舗活用補助金交付決定通知", PII_PERSON, "佐々木 恵梨"), 1);
	CHECK_INT(has_span("受付：市民課 酒井\n相手：前田 康弘様（090-4418-2795）", PII_PERSON, "前田 康弘"), 1);
	CHECK_INT(has_span("私は妻のJulianaです。", PII_PERSON, "Juliana"), 1);
	CHECK_INT(has_span("同行してもよろしいでしょうか。\n渡辺 直通 0555-73-8214", PII_PERSON, "渡辺"), 1);
	/* the writer's surname after a greeting and 、; a western verb's
	 * progressive before a name */
	CHECK_INT(has_span("大城さん\nお疲れ様です、前盛です。例の寮の件", PII_PERSON, "前盛"), 1);
	CHECK_INT(count_type("お疲れ様です、以上です。", PII_PERSON), 0);
	CHECK_INT(has_span("もしもし、児島で作業服の工場をやりよる矢吹です。", PII_PERSON, "矢吹"), 1);
}

TEST(session_twenty_two_mends)
{
	REQUIRE(setup());
	/* from 976-990 (even): speakers of minutes with a title glued after
	 * the surname, a unit or district in brackets before the colon; a
	 * title alone names no one */
	CHECK_INT(has_span("佐々木組合長：本日の議題は年末出荷の体制です。", PII_PERSON, "佐々木"), 1);
	CHECK_INT(has_span("各務幹事（都市防災部）：長良川の水位が上がっています。", PII_PERSON, "各務"), 1);
	CHECK_INT(has_span("妹尾研究員：東部水域では稚貝の密度が高いです。", PII_PERSON, "妹尾"), 1);
	CHECK_INT(count_type("部会長：11月の外国人宿泊者数は4割増です。", PII_PERSON), 0);
	/* a relative's given name of one kanji; a common noun there is none */
	CHECK_INT(has_span("家族は夫の亮と小学生の娘が2人です。", PII_PERSON, "亮"), 1);
	CHECK_INT(has_span("うちの長男翔と次男の蓮が出ます", PII_PERSON, "翔"), 1);
	CHECK_INT(count_type("母の日にプレゼントを贈りました。", PII_PERSON), 0);
	CHECK_INT(count_type("父の代から続く店です。夫婦と長男の分です。", PII_PERSON), 0);
	/* the writer's surname before より closing a text, not an office's */
	CHECK_INT(has_span("よろしくお願いします。\n以上、宮内より", PII_PERSON, "宮内"), 1);
	CHECK_INT(count_type("お知らせです。\n以上、事務局より", PII_PERSON), 0);
	/* surnames listed before 各委員; units before 各課長 are none */
	CHECK_INT(has_span("出席 阿久沢委員長、生方副委員長、都丸、桑原、塚越各委員", PII_PERSON, "塚越"), 1);
	CHECK_INT(has_span("出席 阿久沢委員長、生方副委員長、都丸、桑原、塚越各委員", PII_PERSON, "生方"), 1);
	CHECK_INT(count_type("総務、財政、企画各課長が出席した。", PII_PERSON), 0);
	/* from 992-1006 (even): a bank's name after a question, a particle
	 * after kana or から; a bank named in kana stays whole */
	CHECK_INT(has_span("給与口座これで合っとる？香川銀行 土庄支店 普通 0582164", PII_JP_BANK_ACCOUNT,
			   "香川銀行 土庄支店 普通 0582164"),
		  1);
	CHECK_INT(has_span("最後のお給料は、いつもの豊和銀行 別府支店 普通 1120583に振り込んで",
			   PII_JP_BANK_ACCOUNT, "豊和銀行 別府支店 普通 1120583"),
		  1);
	CHECK_INT(has_span("代金は父の口座から盛岡信用金庫 青山支店 普通 0836142で引き落とし",
			   PII_JP_BANK_ACCOUNT, "盛岡信用金庫 青山支店 普通 0836142"),
		  1);
	CHECK_INT(has_span("振込はみちのく銀行 本店営業部 普通 1234567へ", PII_JP_BANK_ACCOUNT,
			   "みちのく銀行 本店営業部 普通 1234567"),
		  1);
	/* an official residence after the block and a space */
	CHECK_INT(has_span("転居先はつくば市並木3丁目2番地 並木宿舎5-103で、学区は", PII_ADDRESS,
			   "つくば市並木3丁目2番地 並木宿舎5-103"),
		  1);
	/* a staff member to contact or who will visit; an office is none */
	CHECK_INT(has_span("ご不明な点は担任予定の小松崎までお問い合わせください。", PII_PERSON, "小松崎"), 1);
	CHECK_INT(has_span("基地渉外課 担当附田までお問い合わせください。", PII_PERSON, "附田"), 1);
	CHECK_INT(has_span("現地での手続きは12月16日午前に井上が同行します。", PII_PERSON, "井上"), 1);
	CHECK_INT(count_type("詳しくは市民課までお問い合わせください。本庁が伺います。", PII_PERSON), 0);
	/* a relation glued before a full name; a surname that opens with a
	 * relation's kanji keeps it */
	CHECK_INT(has_span("共働きで、夫李 明哲は大学、私は研究所の契約職員です", PII_PERSON, "李 明哲"), 1);
	CHECK_INT(has_span("妹尾 真さんが来庁", PII_PERSON, "妹尾 真"), 1);
	/* from 1008-1022 (even): a relative's given name in katakana that
	 * ENAMDICT does not list; what a relative has is none */
	CHECK_INT(has_span("息子のヴィハーンは2025年9月30日生まれで", PII_PERSON, "ヴィハーン"), 1);
	CHECK_INT(has_span("夫のニキルはインド国籍で、私は日本国籍です", PII_PERSON, "ニキル"), 1);
	CHECK_INT(count_type("夫のマイナンバーカードが見つかりません。母のデイサービスの日です。",
			     PII_PERSON),
		  0);
	/* a writer's katakana name after a greeting or opening a message;
	 * an answer naming a place is none */
	CHECK_INT(has_span("足立さん おはようございます  ハンです\nきのう 入管 いきました", PII_PERSON, "ハン"), 1);
	CHECK_INT(has_span("マークです　なかひらさん　新しい在留カード届きました", PII_PERSON, "マーク"), 1);
	CHECK_INT(count_type("ホテルです。", PII_PERSON), 0);
	CHECK_INT(count_type("こんにちは、ボランティアです", PII_PERSON), 0);
	/* 代表 as a speaker's title; staff who ride along or escort */
	CHECK_INT(has_span("西尾代表：来年は土佐清水から出発します", PII_PERSON, "西尾"), 1);
	CHECK_INT(has_span("最初の1週間は藤森が同乗して運転を見ます。", PII_PERSON, "藤森"), 1);
	/* from 1024-1038 (even): a child born on a day (a rule's date of
	 * birth is none); the room after the floor; a one-kanji city after a
	 * verb; who wrote a record or did a step */
	CHECK_INT(has_span("息子は2026年10月21日に生まれました", PII_DATE_OF_BIRTH, "2026年10月21日"), 1);
	CHECK_INT(has_span("Gabriel。生まれたのは2024年6月3日です。", PII_DATE_OF_BIRTH, "2024年6月3日"), 1);
	CHECK_INT(count_type("2020年4月1日に生まれた方は対象です", PII_DATE_OF_BIRTH), 0);
	CHECK_INT(has_span("相談者：大友 辰雄、寿町2丁目3番地 山田荘 5階 509。", PII_ADDRESS,
			   "寿町2丁目3番地 山田荘 5階 509"),
		  1);
	CHECK_INT(has_span("一人で住んでいた呉市両城2丁目14-7の家が", PII_ADDRESS, "呉市両城2丁目14-7"), 1);
	CHECK_INT(has_span("9月末でひばり野市みどり台2-5 ひばり野団地7-302から大阪へ", PII_ADDRESS,
			   "ひばり野市みどり台2-5 ひばり野団地7-302"),
		  1);
	CHECK_INT(count_type("あなた様が所有されている建物について", PII_PERSON), 0);
	CHECK_INT(has_span("求人応募の受付メモ（須田記入）", PII_PERSON, "須田"), 1);
	CHECK_INT(has_span("名義はスナダ サチコ。審査は平岡、決裁は12月11日の予定です。", PII_PERSON, "平岡"), 1);
	CHECK_INT(count_type("（事務局作成）対応は窓口。審査は本日、", PII_PERSON), 0);
	CHECK_INT(has_span("三好副組合長：燃油代が1航海で前年比2割増です", PII_PERSON, "三好"), 1);
	/* from 1040-1054 (even): a chat's one-kanji given name speaking
	 * twice; a workplace's posts speaking are no one */
	CHECK_INT(has_span("[15:58] 萌：今夜19時の回です\n[16:03] 萌：パクさん日本語少し話せるって\n[16:05] 健：了解",
			   PII_PERSON, "萌"),
		  1);
	CHECK_INT(count_type("[21:15] 船長：予備のリールを見て\n[21:23] 船長：帰ったら点検", PII_PERSON), 0);
	CHECK_INT(count_type("[06:12] バイト：了解です\n[06:30] バイト：クルーズ船のお客さん9時に来る",
			     PII_PERSON),
		  0);
	CHECK_INT(count_type("注：本日は休み\n記：なし\n注：明日も休み", PII_PERSON), 0);
	/* from 1056-1070 (even): surnames joined by ・ before as many people
	 * as they are; counts after 、 and units are none */
	CHECK_INT(has_span("ボランティアは一戸・今・外崎の3名、9時～11時。", PII_PERSON, "今"), 1);
	CHECK_INT(has_span("湖北側ヨシ原 古谷・関・日暮の3名 空き缶45L袋", PII_PERSON, "日暮"), 1);
	CHECK_INT(count_type("12月24日から2泊、大人2名様で承りました。二次調査は10時、調査員2名。",
			     PII_PERSON),
		  0);
	/* a surname before a workplace title; a trade before 棟梁 is none */
	CHECK_INT(has_span("雇用契約書の写しは成田支配人が今週中にそろえます。", PII_PERSON, "成田"), 1);
	CHECK_INT(has_span("すみません小野田班長 きょう子どもが熱で休ませます", PII_PERSON, "小野田"), 1);
	CHECK_INT(count_type("地元の大工棟梁が建てた校舎です", PII_PERSON), 0);
	/* children named after 子どもは; a state is no name */
	CHECK_INT(has_span("夫は近藤 大輔、子どもは悠真と結菜です。", PII_PERSON, "結菜"), 1);
	CHECK_INT(count_type("母は元気です。父は元気と言っています。子ども食堂さんに寄付します。",
			     PII_PERSON),
		  0);
}

TEST(session_twenty_three_mends)
{
	REQUIRE(setup());
	/* from 1104-1118 (even): the writer's or a colleague's surname after
	 * 私, うちの, 弊社の; words of 私 and a house's nouns are no one */
	CHECK_INT(has_span("班長は私風間です。雨具を必ず持ってきてください。", PII_PERSON, "風間"), 1);
	CHECK_INT(has_span("港の出口で私大西がお待ちしております。", PII_PERSON, "大西"), 1);
	CHECK_INT(has_span("来週の試飲会ですが、うちの保坂が急用で行けなくなりました。", PII_PERSON,
			   "保坂"),
		  1);
	CHECK_INT(count_type("熊野古道沿いの梅畑は私有地です。", PII_PERSON), 0);
	CHECK_INT(count_type("うちの屋根の雪おろしをお願いしたい。私自身が行きます。", PII_PERSON), 0);
	/* kin in other words than a relative's, and a full name in katakana
	 * words after a relation; their things are no one */
	CHECK_INT(has_span("これは子どもの湊のものです。", PII_PERSON, "湊"), 1);
	CHECK_INT(has_span("奥さんのスニタも一緒に住んでます。", PII_PERSON, "スニタ"), 1);
	CHECK_INT(has_span("わたしは母のサントス ジュリアナです。", PII_PERSON, "サントス ジュリアナ"),
		  1);
	CHECK_INT(count_type("子どもの学校が遠い。奥さんのパートは夜です。", PII_PERSON), 0);
	/* a parent's surname before the child who writes */
	CHECK_INT(has_span("お世話になっております。菊地の娘の熊谷 真由美です。", PII_PERSON, "菊地"), 1);
	/* a school's title before 先生 is no part of the name */
	CHECK_INT(has_span("佐鳴台中学校 河合教頭先生\nいつもお世話になっております。", PII_PERSON,
			   "河合"),
		  1);
	CHECK_INT(has_span("山田校長先生にお願いしました。", PII_PERSON, "山田"), 1);
	CHECK_INT(count_type("各小中学校 教頭先生", PII_PERSON), 0);
	/* 担任 and 同席 before a surname closing the note */
	CHECK_INT(has_span("10:00 来庁予約あり。担当米村、同席古閑。", PII_PERSON, "古閑"), 1);
	CHECK_INT(has_span("連絡は園の電話でお願いします。担任内山", PII_PERSON, "内山"), 1);
	CHECK_INT(count_type("同席者なし。担任未定。", PII_PERSON), 0);
	/* what the learned model may read as a name and is none: a place one
	 * moves to or in a country, a trade said with さん, a place before
	 * its office in brackets, a land category, a Korean verb */
	CHECK_INT(count_type("来月から台湾の新竹に赴任します。", PII_PERSON), 0);
	CHECK_INT(count_type("4月に宮古に引っ越してきて、下の子が生まれました。", PII_PERSON), 0);
	CHECK_INT(count_type("湯宿さん、仲居さんが2人同時に辞めて困っています。", PII_PERSON), 0);
	CHECK_INT(count_type("研修の記録\n参加：北浜（本庁）、南浜（支所）の両地区", PII_PERSON), 0);
	CHECK_INT(count_type("地目 林 山林", PII_PERSON), 0);
	CHECK_INT(count_type("韓国語：서류를 가져오세요", PII_PERSON), 0);
	/* from 1120-1134 (even): a staff member before their own line, and
	 * that line; a country's or an office's line is no one's */
	const char *own = "私の携帯080-9273-5108、大場の直通0237-42-1364までお願いいたします。";
	CHECK_INT(has_span(own, PII_PERSON, "大場"), 1);
	CHECK_INT(has_span(own, PII_PHONE, "0237-42-1364"), 1);
	CHECK_INT(has_span("何かあれば直通029-246-7152か携帯070-1189-3046へ", PII_PHONE,
			   "029-246-7152"),
		  1);
	CHECK_INT(count_type("市役所の直通は0237-42-1000です。保育課 直通 049-224-6127", PII_PHONE), 0);
	CHECK_INT(count_type("韓国の番号のため、日本の携帯にかけます。役所のメールは容量が小さい。",
			     PII_PERSON),
		  0);
	/* saying who one is, a family's name before the relative who speaks,
	 * a hand-over from one to another */
	CHECK_INT(has_span("はい、もうしました。わたしは道下です、電話は自宅です", PII_PERSON, "道下"), 1);
	CHECK_INT(has_span("夫のカルドーゾ・ヒロシと私カルドーゾ・エミ、娘のリアの3人で伺いました。",
			   PII_PERSON, "カルドーゾ・エミ"),
		  1);
	CHECK_INT(has_span("相談者：あの、私王と申します、王 麗華です。", PII_PERSON, "王"), 1);
	CHECK_INT(has_span("相談者：ヴィラヌエバの妹のロウェナです。", PII_PERSON, "ヴィラヌエバ"), 1);
	CHECK_INT(has_span("本人確認のうえ再確認すること。担当は赤木から守屋へ。", PII_PERSON, "守屋"), 1);
	CHECK_INT(count_type("私はパートです。私はマイナンバーカードを持っています。", PII_PERSON), 0);
	/* from 1136-1150 (even): a spouse's given name, a child's before
	 * の母です, a rota by date, a surname after 当課の or alone after
	 * 担当; a husband's ship, a unit after 担当 and a rota of words are
	 * no one */
	CHECK_INT(has_span("主人の健一は畑で手がはなせないので私が行きます", PII_PERSON, "健一"), 1);
	CHECK_INT(count_type("主人の船の帰港が明日の朝に決まりました", PII_PERSON), 0);
	CHECK_INT(has_span("蒼空の母です　常呂中のカーリング少年団の件で", PII_PERSON, "蒼空"), 1);
	CHECK_INT(has_span("すみません、ひろとの母です", PII_PERSON, "ひろと"), 1);
	CHECK_INT(count_type("これはわたしの母です", PII_PERSON), 0);
	const char *rota = "待機は次のとおりです。12/14（月）藤井、12/15（火）高田、12/16（水）帰山。";
	CHECK_INT(has_span(rota, PII_PERSON, "高田"), 1);
	CHECK_INT(has_span(rota, PII_PERSON, "帰山"), 1);
	CHECK_INT(count_type("12/14（月）会議、12/15（火）休み", PII_PERSON), 0);
	CHECK_INT(has_span("移送については当課の浜中が窓口となります", PII_PERSON, "浜中"), 1);
	CHECK_INT(count_type("山形労働局職業安定部 担当官", PII_PERSON), 0);
}

/* Probes of session 24's mends (from blind batches 1184-1198, even), each
 * on other names and numbers than the files', with the look-alikes each
 * rule must leave. */
TEST(session_twenty_four_mends)
{
	REQUIRE(setup());
	/* a day's label between two dates on one line: the second is no
	 * birth date */
	const char *moving = "住民異動届（転入）佐野 真一 生年月日 昭和62年4月3日 転入予定日 令和9年1月5日";
	CHECK_INT(has_span(moving, PII_DATE_OF_BIRTH, "昭和62年4月3日"), 1);
	CHECK_INT(count_type(moving, PII_DATE_OF_BIRTH), 1);
	/* a card's symbol with letters or a hyphen, parted by ・ from its
	 * number under 記号・番号 */
	CHECK_INT(has_span("妻 佐野 由香\n記号・番号 坂22・40517", PII_JP_HEALTH_INSURANCE, "坂22"), 1);
	CHECK_INT(has_span("妻 佐野 由香\n記号・番号 坂22・40517", PII_JP_HEALTH_INSURANCE, "40517"), 1);
	CHECK_INT(has_span("組合員証\n記号・番号　31-207・5518（枝番 02）", PII_JP_HEALTH_INSURANCE,
			   "31-207"),
		  1);
	CHECK_INT(has_span("組合員証\n記号・番号　31-207・5518（枝番 02）", PII_JP_HEALTH_INSURANCE,
			   "5518"),
		  1);
	CHECK_INT(count_type("文書記号・番号 総12・4471の件", PII_JP_HEALTH_INSURANCE), 0);
	/* a given name in brackets after its own word */
	CHECK_INT(has_span("母は下の名前（トメ）で呼ぶと返事をされます。", PII_PERSON, "トメ"), 1);
	CHECK_INT(count_type("下の名前（ふりがな）を記入してください。", PII_PERSON), 0);
	/* someone who gives their name */
	CHECK_INT(has_span("受付メモ：比嘉と名乗る女性から電話。", PII_PERSON, "比嘉"), 1);
	CHECK_INT(has_span("受付メモ：ナカムラと名乗った男性が来庁。", PII_PERSON, "ナカムラ"), 1);
	CHECK_INT(count_type("市の職員と名乗る不審な電話に注意してください。", PII_PERSON), 0);
	/* a ふるさと納税 desk's mailbox; a value called a sample after its
	 * bracket */
	CHECK_INT(count_type("宛先：furusato@city.example.lg.jp", PII_EMAIL), 0);
	CHECK_INT(count_type("基礎年金番号（2345-678901）は記入例です。", PII_JP_BASIC_PENSION_NUMBER), 0);
	CHECK_INT(has_span("基礎年金番号（2345-678901）で照会しました。", PII_JP_BASIC_PENSION_NUMBER,
			   "2345-678901"),
		  1);
	/* from 1200-1214 (even): a lot's branch in kanji numerals after 番地;
	 * an address after から; 協会けんぽ's long symbol; 上様 */
	CHECK_INT(has_span("送付先：〒399-0211　長野県富士見町落合三五一二番地七　様", PII_ADDRESS,
			   "長野県富士見町落合三五一二番地七"),
		  1);
	const char *moved = "住所が甲斐市竜王1203から甲斐市篠原88-4に変わりました。";
	CHECK_INT(has_span(moved, PII_ADDRESS, "甲斐市竜王1203"), 1);
	CHECK_INT(has_span(moved, PII_ADDRESS, "甲斐市篠原88-4"), 1);
	CHECK_INT(has_span("協会けんぽの保険証を確認。記号・番号：6021345・77", PII_JP_HEALTH_INSURANCE,
			   "6021345"),
		  1);
	CHECK_INT(has_span("共済組合員証 記号・番号：38120－4416", PII_JP_HEALTH_INSURANCE, "4416"), 1);
	CHECK_INT(count_type("宛名は上様で領収書をお願いします。", PII_PERSON), 0);
	/* a floor after 番地 or 号 and a space; 百 inside a kanji-numeral
	 * lot; an @-mention; a speaker's relation in brackets */
	CHECK_INT(has_span("住所は坂出市京町二丁目3番8号 2階です。", PII_ADDRESS, "坂出市京町二丁目3番8号 2階"),
		  1);
	CHECK_INT(has_span("住所 長崎県大村市竹松本町二百十一番地", PII_ADDRESS, "長崎県大村市竹松本町二百十一番地"),
		  1);
	CHECK_INT(count_type("八百屋の前で待ち合わせ", PII_ADDRESS), 0);
	CHECK_INT(has_span("@小野寺 転入届の件、確認お願いします", PII_PERSON, "小野寺"), 1);
	CHECK_INT(count_type("@全員 明日の会議は10時から", PII_PERSON), 0);
	CHECK_INT(has_span("ケア会議\n石黒（長女）：父は家で過ごしたいと言っています", PII_PERSON, "石黒"), 1);
	CHECK_INT(count_type("議題（案）：来年度の予算", PII_PERSON), 0);
	/* from 1216-1230 (even): a labelled reading after a name and a space;
	 * a Japanese passport's letters and digits parted by a space */
	CHECK_INT(has_span("氏名 PHAM VAN LONG　カナ ファム　ヴァン　ロン\n国籍 ベトナム", PII_PERSON,
			   "ファム　ヴァン　ロン"),
		  1);
	CHECK_INT(has_span("氏名：朴 美英　よみ：ぱく みよん\n特別永住者", PII_PERSON, "ぱく みよん"), 1);
	CHECK_INT(count_type("カナ入力 の設定を変更", PII_PERSON), 0);
	CHECK_INT(has_span("本人確認：旅券 TK 4472019　有効期限 2031年", PII_PASSPORT, "TK 4472019"), 1);
	CHECK_INT(count_type("車両番号 TK 4472019 の点検", PII_PASSPORT), 0);
	/* from 1248-1262 (even): から and より after a relation are no given
	 * names; 百 opening a kanji-numeral lot; a speaker's role in brackets;
	 * a card's compound label after its name and the value on the next
	 * line */
	CHECK_INT(count_type("長女から、送迎の時間を変えたいとの相談。", PII_PERSON), 0);
	CHECK_INT(count_type("次男より、年末に帰省するとの連絡。", PII_PERSON), 0);
	CHECK_INT(has_span("妻のさやかが来庁。", PII_PERSON, "さやか"), 1);
	CHECK_INT(has_span("住所地：茨城県笠間市石井百二十番地の三", PII_ADDRESS,
			   "茨城県笠間市石井百二十番地の三"),
		  1);
	CHECK_INT(count_type("百人一首大会の会場", PII_ADDRESS), 0);
	CHECK_INT(has_span("ケース会議\n松岡（事務局）：次回は来月です。\n校長：了解", PII_PERSON, "松岡"), 1);
	CHECK_INT(has_span("国民健康保険証の記号・番号\n笠12・305518\n（枝番 01）", PII_JP_HEALTH_INSURANCE,
			   "305518"),
		  1);
	/* app stores named in a notice are no one */
	CHECK_INT(count_type("子育てアプリは App Store／Google Play で配信中です。", PII_PERSON), 0);
}

TEST(session_twenty_five_mends)
{
	REQUIRE(setup());
	/* from 1280-1294 (even): a chat's export, each line opening with a
	 * date and a time, names its speakers though no label repeats; a
	 * timetable's times alone do not make one, nor a common noun */
	const char *dated = "2026/12/04 15:20 宮崎：壁田の件、機構に確認します\n2026/12/04 15:22 原：了解です";
	CHECK_INT(has_span(dated, PII_PERSON, "宮崎"), 1);
	CHECK_INT(has_span(dated, PII_PERSON, "原"), 1);
	CHECK_INT(has_span("11/26 19:48 保護者：明日もお休みします\n11/27 08:10 園：承知しました", PII_PERSON,
			   "園"),
		  0);
	/* the head of a city, a town or a village signing a notice at its
	 * end is no private person; a district's head (区長) stays one, and
	 * so does a deputy */
	const char *signed_notice = "公告\n下記のとおり公売に付します。\n令和8年12月7日\n足利市長　早川 尚秀";
	CHECK_INT(count_type(signed_notice, PII_PERSON), 0);
	CHECK_INT(has_span("回覧\n令和8年12月1日\n北中町区長 北中 昭", PII_PERSON, "北中 昭"), 1);
	CHECK_INT(has_span("会議の開催について（通知）\n副市長 山田 太郎", PII_PERSON, "山田 太郎"), 1);
	/* オス and メス inside a reading's katakana are no pet's sex */
	CHECK_INT(has_span("届出者 大杉 紀子（オオスギ ノリコ）", PII_PERSON, "大杉 紀子"), 1);
	CHECK_INT(has_span("届出者 大杉 紀子（オオスギ ノリコ）", PII_PERSON, "オオスギ ノリコ"), 1);
	CHECK_INT(count_type("犬の登録：こむぎ（柴・メス）", PII_PERSON), 0);
	/* a committee's witness; a case handed to a nurse after → */
	CHECK_INT(has_span("○及川参考人（株式会社みちのく精密テクノ）　説明します。", PII_PERSON, "及川"), 1);
	CHECK_INT(has_span("心配とのこと。→保健師田中へ引継ぎ", PII_PERSON, "田中"), 1);
	CHECK_INT(count_type("心配とのこと。→保健師相談へ案内", PII_PERSON), 0);
	/* from 1296-1310 (even): two surnames joined by ・ after a record's
	 * role; a temple's, a shrine's or a historic site's own address in
	 * brackets, not a surname's (小野寺); 分 after a spaced full name; a
	 * card's symbol and number of digits parted by ・ under 記号・番号; a
	 * hiragana name before くんと */
	CHECK_INT(has_span("確認日 R8.12.3　確認者 八木・岡田\n場所 伊達市", PII_PERSON, "八木"), 1);
	CHECK_INT(has_span("支援員 愛甲・平田\n訪問先 球磨村", PII_PERSON, "愛甲"), 1);
	CHECK_INT(count_type("担当者 福祉・介護\n場所 本庁", PII_PERSON), 0);
	CHECK_INT(count_type("大寧寺（長門市深川湯本1074）の山門修理工事", PII_ADDRESS), 0);
	CHECK_INT(count_type("恵美須ヶ鼻造船所跡（萩市大字椿東５１５９－１３）周辺の草刈り", PII_ADDRESS), 0);
	CHECK_INT(has_span("小野寺（仙台市青葉区一番町1-2-3）に連絡", PII_ADDRESS, "仙台市青葉区一番町1-2-3"),
		  1);
	CHECK_INT(has_span("焼却跡（下松市大字来巻1820-6 敷地内）", PII_ADDRESS, "下松市大字来巻1820-6"), 1);
	CHECK_INT(has_span("（厚生年金の資格取得届、加藤 美咲分）", PII_PERSON, "加藤 美咲"), 1);
	CHECK_INT(has_span("保険証確認\n記号・番号：7010・152（枝番02）", PII_JP_HEALTH_INSURANCE, "152"), 1);
	CHECK_INT(has_span("記号・番号 3104・2287", PII_JP_HEALTH_INSURANCE, "3104"), 1);
	CHECK_INT(count_type("文書記号・番号 総12・4471の件", PII_JP_HEALTH_INSURANCE), 0);
	CHECK_INT(has_span("今日の現地はゆうきくんとあやのさんの2名で行きます", PII_PERSON, "ゆうき"), 1);
	CHECK_INT(count_type("ちゃんと確認してください", PII_PERSON), 0);
	/* from 1328-1342 (even): a staff member's 直通 after their name and
	 * 、, after a message whose writer named themself, under a
	 * signature's name and unit; a unit's 直通 stays the unit's; the desk
	 * that took a visit names its staff member in brackets */
	CHECK_INT(has_span("担当 須藤、直通 027-212-4480。", PII_PHONE, "027-212-4480"), 1);
	CHECK_INT(has_span("日南市市民課の戸高です。直通 0987-31-1142、またはメールで。", PII_PHONE,
			   "0987-31-1142"),
		  1);
	CHECK_INT(has_span("海東 理恵（高島市長寿介護課 地域支援係）\n直通 0740-25-8137", PII_PHONE,
			   "0740-25-8137"),
		  1);
	CHECK_INT(count_type("市民課、直通 0166-25-1234", PII_PHONE), 0);
	CHECK_INT(count_type("高島市長寿介護課（地域支援係）\n直通 0740-25-8137", PII_PHONE), 0);
	CHECK_INT(has_span("12/7 窓口（安部）\n来庁者：二宮 千鶴", PII_PERSON, "安部"), 1);
	CHECK_INT(count_type("総合窓口（本庁舎1階）で受け付けます", PII_PERSON), 0);
	teardown(); /* the last test */
}


TEST(session_twenty_six_mends)
{
	REQUIRE(setup());
	/* a town named in kana and kanji after its municipality, its kana
	 * ending or holding what reads like a particle or a verb's ending;
	 * a sentence after a city's name (では…, にある…) is none */
	CHECK_INT(has_span("転居先：市原市ちはら台西3丁目12番4号", PII_ADDRESS,
			   "市原市ちはら台西3丁目12番4号"),
		  1);
	CHECK_INT(has_span("住所：船橋市ひろせ野2-8-11", PII_ADDRESS, "船橋市ひろせ野2-8-11"), 1);
	CHECK_INT(has_span("〒299-0101\n袖ケ浦市ゆりの丘二丁目14番地\n森田 和子 様", PII_ADDRESS,
			   "袖ケ浦市ゆりの丘二丁目14番地"),
		  1);
	CHECK_INT(has_span("住所：西宮市南つつじケ丘3丁目5-2", PII_ADDRESS, "西宮市南つつじケ丘3丁目5-2"),
		  1);
	CHECK_INT(count_type("市原市ではまだ2丁目の工事中", PII_ADDRESS), 0);
	CHECK_INT(count_type("木更津市にある本町3丁目の店", PII_ADDRESS), 0);
	/* the municipalities あきる野 and にかほ whole */
	CHECK_INT(has_span("住所：あきる野市五日市890", PII_ADDRESS, "あきる野市五日市890"), 1);
	CHECK_INT(has_span("住所 にかほ市平沢字中町12", PII_ADDRESS, "にかほ市平沢字中町12"), 1);
	/* an iroha letter in hiragana before 部; a katakana letter after a
	 * 字, a hyphen and the lot with its branch */
	CHECK_INT(has_span("住所：石川県羽咋郡志賀町字福浦ロ部12", PII_ADDRESS,
			   "石川県羽咋郡志賀町字福浦ロ部12"),
		  1);
	CHECK_INT(has_span("住所：珠洲市宝立町鵜飼ろ部31", PII_ADDRESS, "珠洲市宝立町鵜飼ろ部31"), 1);
	CHECK_INT(has_span("住所：鳳珠郡能登町字宇出津ハ－12－3", PII_ADDRESS,
			   "鳳珠郡能登町字宇出津ハ－12－3"),
		  1);
	/* a staff member's 直通 offered a sentence after they named
	 * themself, for calling back, or in brackets after their name; a
	 * unit's 直通 stays the unit's */
	CHECK_INT(has_span("環境課の村井です。資料の件は直通 0470-22-3185 までご連絡ください。", PII_PHONE,
			   "0470-22-3185"),
		  1);
	CHECK_INT(count_type("市民課の村井です。市民課の直通は 0470-22-3100 です。", PII_PHONE), 0);
	CHECK_INT(has_span("電話メモ\n折り返し先：直通 0470-22-3186", PII_PHONE, "0470-22-3186"), 1);
	CHECK_INT(has_span("担当　税務課 収納係 宮下（内線3121／直通 0470-22-3187）", PII_PHONE,
			   "0470-22-3187"),
		  1);
	CHECK_INT(count_type("問い合わせは税務課 収納係（内線 3122／直通 0470-22-3188）", PII_PHONE), 0);
	/* a card after its brand's name whatever booking came before, after
	 * a label's colon; a certificate's issue number is none */
	CHECK_INT(has_span("宿泊をカード（VISA 4556737586899855）で予約", PII_CREDIT_CARD,
			   "4556737586899855"),
		  1);
	CHECK_INT(has_span("支払方法：カード 5105-1051-0510-5100 名義 SATO KEN", PII_CREDIT_CARD,
			   "5105-1051-0510-5100"),
		  1);
	CHECK_INT(has_span("オンライン予約の決済エラー：カード 3555-6412-0098-7711", PII_CREDIT_CARD,
			   "3555-6412-0098-7711"),
		  1);
	CHECK_INT(count_type("証明書発行番号 3801-2026-1207-0042", PII_CREDIT_CARD), 0);
	/* an account's type as its first kanji in brackets */
	CHECK_INT(has_span("振込先：千葉銀行 茂原支店（普）2203118", PII_JP_BANK_ACCOUNT,
			   "千葉銀行 茂原支店（普）2203118"),
		  1);
	/* 本人 glued before a full name; a guardian's and a case worker's
	 * surname glued to their role; 名 a given name's label; an
	 * honorific, a child's sex and 新/旧 before 氏 alone are no names */
	CHECK_INT(has_span("本人佐々木 ハナ（1940年3月2日生）", PII_PERSON, "佐々木 ハナ"), 1);
	CHECK_INT(has_span("成年後見人矢島より報告。", PII_PERSON, "矢島"), 1);
	CHECK_INT(count_type("成年後見人制度より", PII_PERSON), 0);
	CHECK_INT(has_span("ケース記録：松本ケースワーカーから引継ぎ。グエン・ランさんの件", PII_PERSON,
			   "松本"),
		  1);
	const char *renamed = "旧氏 佐藤、新氏 森、名 彩花";
	CHECK_INT(has_span(renamed, PII_PERSON, "彩花"), 1);
	CHECK_INT(has_span(renamed, PII_PERSON, "森"), 1);
	CHECK_INT(count_type(renamed, PII_PERSON), 3);
	CHECK_INT(count_type("長男様のメール tanaka.k@example.jp", PII_PERSON), 0);
	CHECK_INT(count_type("子 女、出生日時 令和8年11月30日", PII_PERSON), 0);
	/* one dated chat line names its speaker; a meeting's is no name */
	CHECK_INT(has_span("11/30 09:12 石橋：転居届の件、確認お願いします", PII_PERSON, "石橋"), 1);
	CHECK_INT(count_type("11/30 09:00 会議：予算", PII_PERSON), 0);
	/* a symbol of eight digits in two groups of four; a corporate
	 * number written 4-4-4-1 */
	const char *card = "記号 6020 1188 番号 42 枝番 01";
	CHECK_INT(has_span(card, PII_JP_HEALTH_INSURANCE, "6020 1188"), 1);
	CHECK_INT(has_span(card, PII_JP_HEALTH_INSURANCE, "42"), 1);
	CHECK_INT(has_span("（法人番号 2401-0401-0013-7）", PII_JP_CORPORATE_NUMBER, "2401-0401-0013-7"),
		  1);
	teardown();
}

TEST(session_twenty_six_second_mends)
{
	REQUIRE(setup());
	/* from 1376-1390 (even): a numbered 番町 inside a town's name; a
	 * wing's letter glued before a room after a building and a space */
	CHECK_INT(has_span("住所：名張市つつじが丘南3番町121", PII_ADDRESS, "名張市つつじが丘南3番町121"),
		  1);
	CHECK_INT(has_span("〒518-0621\n名張市桔梗が丘2番町4街区7号\n森川 花子 様", PII_ADDRESS,
			   "名張市桔梗が丘2番町4街区7号"),
		  1);
	CHECK_INT(count_type("市内の2番町で火災", PII_ADDRESS), 0);
	CHECK_INT(has_span("住所：佐久市中込3011-2 メゾン中込 B203", PII_ADDRESS,
			   "佐久市中込3011-2 メゾン中込 B203"),
		  1);
	/* a passbook's 記号 and 番号 after a label's colon are one value with
	 * their labels; after 通帳 they stay two */
	CHECK_INT(has_span("ゆうちょ口座：記号16470 番号38193041（名義 タナカ ハナ）", PII_JP_BANK_ACCOUNT,
			   "記号16470 番号38193041"),
		  1);
	CHECK_INT(has_span("通帳記号 12340 通帳番号 12345671", PII_JP_BANK_ACCOUNT, "12340"), 1);
	/* a head's title with the seal left off: the word before it is the
	 * municipality; a head's name before the seal's note signs a notice */
	CHECK_INT(count_type("第2026-3301号\n令和8年12月1日\n名張市長（公印省略）\n国民健康保険について",
			     PII_PERSON),
		  0);
	CHECK_INT(count_type("第2026-3302号\n令和8年12月1日\n名張市長 北川 裕之（公印省略）\n保険料について",
			     PII_PERSON),
		  0);
	/* a staff member's 直通 in brackets after their honorific and a
	 * particle; a unit's stays the unit's */
	CHECK_INT(has_span("年金の案内は保険年金課の小林さんへ（直通 0595-63-7411）。", PII_PHONE,
			   "0595-63-7411"),
		  1);
	CHECK_INT(count_type("お問い合わせは市民課へ（直通 0595-63-7400）", PII_PHONE), 0);
	/* a company's representative's mobile is a person's */
	CHECK_INT(has_span("代表社員：杉本 達也\n代表社員の連絡先：090-3381-4730", PII_PHONE, "090-3381-4730"),
		  1);
	/* a residence card in groups of capitals, the card named earlier on
	 * the line */
	CHECK_INT(has_span("在留カードの写しを受領しました。番号控え→ KL 40203817 FA", PII_JP_RESIDENCE_CARD,
			   "KL 40203817 FA"),
		  1);
	teardown();
}

TEST_MAIN(T(cases_public_give_exactly_their_labels), T(latin_names_22a), T(unit_before_the_number),
	  T(number_alone_after_the_office_sentence), T(opening_hours), T(unit_inside_another_value),
	  T(address_right_after_the_unit), T(signature_block), T(switchboard), T(shared_mailbox),
	  T(unit_in_brackets_after), T(one_character_units), T(organisation_holder),
	  T(not_a_person), T(service_dial), T(sample_text), T(directory_on_one_line),
	  T(sample_values_and_ranges), T(legal_form_holder),
	  T(twenty_second_round_b), T(twenty_third_round), T(twenty_fourth_round_c),
	  T(twenty_fourth_round_a), T(twenty_fourth_round_b), T(twenty_fifth_round_e),
	  T(twenty_fifth_round_d), T(address_without_its_town),
	  T(role_name_field), T(korean_honorific),
	  T(quoted_name_after_label),
	  T(kana_honorific_closes), T(twenty_sixth_round_d), T(twenty_sixth_round_e),
	  T(header_words_in_capitals), T(twenty_seventh_round_g), T(twenty_seventh_round_f),
	  T(colleagues_and_kana_relatives), T(twenty_eighth_round_c), T(twenty_eighth_round_b),
	  T(twenty_eighth_round_a), T(document_sections), T(card_symbol_of_letters),
	  T(small_ke_inside_kanji_names),
	  T(tool_chats_and_greetings),
	  T(rural_and_island_addresses),
	  T(record_steps_and_their_takers), T(session_fourteen_mends), T(other_sections_mends),
	  T(spaced_text_and_estate_wings), T(session_seventeen_mends),
	  T(session_seventeen_second_mends),
	  T(session_seventeen_third_mends), T(session_eighteen_mends),
	  T(session_nineteen_mends), T(session_nineteen_second_mends),
	  T(session_nineteen_third_mends), T(session_nineteen_fourth_mends),
	  T(session_nineteen_fifth_mends), T(session_twenty_mends), T(session_twenty_second_mends),
	  T(session_twenty_one_mends), T(session_twenty_two_mends),
	  T(session_twenty_three_mends), T(session_twenty_four_mends),
	  T(session_twenty_five_mends), T(session_twenty_six_mends),
	  T(session_twenty_six_second_mends))
