/* Unit tests for src/pii: check digits, the detector on the data-driven
 * cases of tests/data/pii/cases.txt (exact spans, every width and hyphen
 * form, negatives), quality gates on the evaluation sets, offsets, the
 * allow-list, masking with reversible placeholders, policies, counts,
 * restore, error paths and scanners on several threads. */
#include <pthread.h>
#include <unistd.h>

#include "../../bench/pii_markup.h"
#include "harness.h"
#include "pii/pii.h"
#include "pii/pii_int.h"
#include "text/text.h"

#define CASES "tests/data/pii/cases.txt"
#define ALLOW "tests/data/pii/allow.txt"

static struct pii_detector *detector(const char *allow)
{
	struct pii_config cfg = {.allow = allow, .allow_len = allow ? strlen(allow) : 0};
	struct pii_detector *d = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int rc = pii_detector_new(&cfg, &d, &ei);
	if (rc)
		fprintf(stderr, "pii_detector_new: %s\n", ei.message);
	return d;
}

/* ---- check digits --------------------------------------------------------- */

TEST(my_number_check_digit)
{
	CHECK(pii_check_my_number("123456789018", 12));
	CHECK(pii_check_my_number("402133778510", 12));
	CHECK(!pii_check_my_number("123456789012", 12)); /* wrong check digit */
	CHECK(!pii_check_my_number("12345678901", 11));  /* too short */
	CHECK(!pii_check_my_number("12345678901a", 12));
	/* exactly one check digit fits each base */
	char d[13] = "31415926535?";
	int ok = 0;
	for (char c = '0'; c <= '9'; c++) {
		d[11] = c;
		ok += pii_check_my_number(d, 12);
	}
	CHECK_INT(ok, 1);
}

TEST(corporate_number_check_digit)
{
	CHECK(pii_check_corporate_number("8700110005901", 13));
	CHECK(!pii_check_corporate_number("2700110005901", 13));
	CHECK(!pii_check_corporate_number("700110005901", 12));
	char d[14] = "?234567890123";
	int ok = 0;
	for (char c = '0'; c <= '9'; c++) {
		d[0] = c;
		ok += pii_check_corporate_number(d, 13);
	}
	CHECK_INT(ok, 1);
}

TEST(luhn)
{
	CHECK(pii_check_luhn("4111111111111111", 16));
	CHECK(pii_check_luhn("378282246310005", 15));
	CHECK(!pii_check_luhn("4111111111111112", 16));
	CHECK(!pii_check_luhn("41111111111", 11)); /* too short for a card */
	CHECK(!pii_check_luhn("4111-1111-1111-1111", 19));
}

TEST(type_names_round_trip)
{
	for (int t = 0; t < PII_TYPE_COUNT; t++) {
		const char *n = pii_type_name((enum pii_type)t);
		enum pii_type back;
		CHECK_INT(pii_type_parse(n, strlen(n), &back), 0);
		CHECK_INT(back, t);
	}
	enum pii_type x;
	CHECK_INT(pii_type_parse("NAME", 4, &x), YK_ENOTFOUND);
	CHECK_STR(pii_type_name(PII_PERSON), "PERSON");
	CHECK_STR(pii_type_label(PII_PHONE), "電話");
	enum pii_policy p;
	CHECK_INT(pii_policy_parse("block", &p), 0);
	CHECK_INT(p, PII_POLICY_BLOCK);
	CHECK_INT(pii_policy_parse("deny", &p), YK_EINVAL);
}

/* ---- detector on data files --------------------------------------------- */

/* Scans every labelled line of path; counts exact matches. With exact set,
 * prints and counts every line whose spans differ at all. */
static void run_file(struct pii_scanner *sc, const char *path, unsigned *tp, unsigned *fp,
		     unsigned *fn, unsigned *bad_lines)
{
	struct yk_buf file;
	yk_buf_init(&file, 16u * 1024u * 1024u);
	struct markup_line ml;
	yk_buf_init(&ml.text, PII_INPUT_MAX);
	*tp = *fp = *fn = *bad_lines = 0;
	int rc = markup_read_file(path, &file);
	CHECK_INT(rc, 0);
	size_t i = 0, lineno = 0;
	while (!rc && i < file.len) {
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
			int used[MARKUP_SPANS_MAX] = {0}, line_bad = 0;
			for (size_t k = 0; k < n; k++) {
				/* offsets: byte and code-point views agree */
				CHECK(sp[k].byte_end <= ml.text.len);
				CHECK_INT(yk_utf8_count(text + sp[k].byte_start,
							sp[k].byte_end - sp[k].byte_start),
					  sp[k].end - sp[k].start);
				CHECK_INT(yk_utf8_count(text, sp[k].byte_start), sp[k].start);
				CHECK(sp[k].confidence > 0 && sp[k].confidence <= 1);
				if (k)
					CHECK(sp[k - 1].end <= sp[k].start);
				int hit = 0;
				for (size_t g = 0; g < ml.nspan; g++)
					if (!used[g] && ml.span[g].start == sp[k].start &&
					    ml.span[g].end == sp[k].end && ml.span[g].type == sp[k].type) {
						used[g] = hit = 1;
						break;
					}
				if (hit) {
					(*tp)++;
				} else {
					(*fp)++, line_bad = 1;
				}
			}
			for (size_t g = 0; g < ml.nspan; g++)
				if (!used[g])
					(*fn)++, line_bad = 1;
			if (line_bad) {
				(*bad_lines)++;
				/* a held-out file's texts are never shown: whoever
				 * reads the test's output would have read them */
				if (strstr(path, "heldout_"))
					fprintf(stderr, "  %s:%zu: spans differ\n", path, lineno);
				else
					fprintf(stderr, "  %s:%zu: spans differ: %.*s\n", path, lineno,
						(int)(e - i), file.data + i);
			}
		}
		i = e + 1;
	}
	yk_buf_release(&ml.text);
	yk_buf_release(&file);
}

TEST(cases_give_exactly_their_labels)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	unsigned tp, fp, fn, bad;
	run_file(sc, CASES, &tp, &fp, &fn, &bad);
	CHECK(tp >= 60); /* the file was read and holds the positives */
	CHECK_INT(fp, 0);
	CHECK_INT(fn, 0);
	CHECK_INT(bad, 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Scores the labelled files together; returns the number of gold spans and
 * prints the figures under name. */
static unsigned score_files(struct pii_scanner *sc, const char *const *files, size_t nfiles,
			    const char *name, double *recall, double *precision)
{
	unsigned tp = 0, fp = 0, fn = 0, bad, a, b, c;
	for (size_t f = 0; f < nfiles; f++) {
		run_file(sc, files[f], &a, &b, &c, &bad);
		tp += a, fp += b, fn += c;
	}
	*recall = tp + fn ? (double)tp / (tp + fn) : 0;
	*precision = tp + fp ? (double)tp / (tp + fp) : 0;
	fprintf(stderr, "  %s: %u gold spans, recall %.3f, precision %.3f\n", name, tp + fn,
		*recall, *precision);
	return tp + fn;
}

/* A blind batch's file: heldout_blindN.txt while no rule's author has read
 * it and the model has not trained on it, eval_blindN.txt once it was read
 * for a round or a mend (the model trains on every eval_*.txt), or
 * read_blindN.txt when it was read for the rules but the model was kept
 * from training on it (session 16: a retrain on 530-537's read half moved
 * the held-out files by one span each way and two probes). */
static void blind_path(char *path, size_t size, int n)
{
	snprintf(path, size, "tests/data/pii/heldout_blind%d.txt", n);
	if (access(path, R_OK) != 0)
		snprintf(path, size, "tests/data/pii/read_blind%d.txt", n);
	if (access(path, R_OK) != 0)
		snprintf(path, size, "tests/data/pii/eval_blind%d.txt", n);
}

/* Document mode (bench/pii_eval): each file's texts joined by blank lines
 * into one document, scanned once and scored against the same labels
 * moved to their place; the spans' offsets are checked as run_file()
 * checks them. */
static void run_document(struct pii_scanner *sc, const char *path, unsigned *tp, unsigned *fp,
			 unsigned *fn)
{
	struct yk_buf file, doc;
	yk_buf_init(&file, 1u << 22);
	yk_buf_init(&doc, PII_INPUT_MAX);
	struct markup_span *gold = NULL;
	size_t ngold = 0;
	CHECK_INT(markup_read_file(path, &file), 0);
	CHECK_INT(markup_document(file.data, file.len, &doc, &gold, &ngold), 0);
	const struct pii_span *sp;
	size_t n = 0;
	CHECK_INT(pii_scan(sc, doc.data ? doc.data : "", doc.len, &sp, &n), 0);
	unsigned hits = 0;
	for (size_t k = 0; k < n; k++) {
		CHECK_INT(yk_utf8_count(doc.data, sp[k].byte_start), sp[k].start);
		if (k)
			CHECK(sp[k - 1].end <= sp[k].start);
		/* gold is in document order, and so are the spans */
		int hit = 0;
		for (size_t g = 0; g < ngold && !hit; g++)
			hit = gold[g].start == sp[k].start && gold[g].end == sp[k].end &&
			      gold[g].type == sp[k].type;
		hits += (unsigned)hit;
	}
	*tp += hits;
	*fp += (unsigned)n - hits;
	*fn += (unsigned)ngold - hits;
	free(gold);
	yk_buf_release(&doc);
	yk_buf_release(&file);
}

/* The held-out blind texts joined into documents of 65 parts each: what
 * one part says must not decide the others' values (a made-up sample's
 * note once silenced a whole document: 102-129 fell to R 0.885 joined,
 * against 0.960 text by text; docs/pii.md, "documents of many parts") */
static void documents_of_many_parts(struct pii_scanner *sc)
{
	static const int older[] = {102, 103, 104, 105, 110, 111, 112, 113,
				    122, 123, 124, 125, 126, 127, 128, 129};
	static const int newer[] = {162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173,
				    174, 175, 176, 177, 178, 179, 180, 181, 182, 183, 184, 185};
	/* written after the mends, scored at their first run: P 0.958 R 0.964 */
	static const int fresh[] = {186, 187, 188, 189, 190, 191, 192, 193};
	/* a fifth set, documents at their first run P 0.967 R 0.946 */
	static const int fifth[] = {194, 195, 196, 197, 198, 199, 200, 201};
	/* a sixth set, documents at their first run P 0.959 R 0.967 */
	static const int sixth[] = {202, 203, 204, 205, 206, 207, 208, 209};
	/* a seventh set, documents at their first run P 0.970 R 0.973 */
	static const int seventh[] = {210, 211, 212, 213, 214, 215, 216, 217};
	/* an eighth set, documents at their first run P 0.977 R 0.961 */
	static const int eighth[] = {218, 219, 220, 221, 222, 223, 224, 225};
	/* a ninth set, documents at their first run P 0.973 R 0.968 */
	static const int ninth[] = {226, 227, 228, 229, 230, 231, 232, 233};
	/* a tenth set, documents at their first run P 0.957 R 0.959 */
	static const int tenth[] = {234, 235, 236, 237, 238, 239, 240, 241};
	/* an eleventh set, documents at their first run P 0.968 R 0.966 */
	static const int eleventh[] = {242, 243, 244, 245, 246, 247, 248, 249};
	/* a twelfth set, documents at their first run P 0.957 R 0.970 */
	static const int twelfth[] = {250, 251, 252, 253, 254, 255, 256, 257};
	/* a thirteenth set, documents at their first run P 0.969 R 0.968 */
	static const int thirteenth[] = {258, 259, 260, 261, 262, 263, 264, 265};
	/* a fourteenth set, documents at their first run P 0.966 R 0.970 */
	static const int fourteenth[] = {266, 267, 268, 269, 270, 271, 272, 273};
	/* a fifteenth set, documents at their first run P 0.987 R 0.973 */
	static const int fifteenth[] = {274, 275, 276, 277, 278, 279, 280, 281};
	/* a sixteenth set, documents at their first run P 0.982 R 0.965 */
	static const int sixteenth[] = {282, 283, 284, 285, 286, 287, 288, 289};
	/* a seventeenth set, documents at their first run P 0.959 R 0.966 */
	static const int seventeenth[] = {290, 291, 292, 293, 294, 295, 296, 297};
	/* an eighteenth set, documents at their first run P 0.972 R 0.958 */
	static const int eighteenth[] = {298, 299, 300, 301, 302, 303, 304, 305};
	/* a nineteenth set, documents at their first run P 0.970 R 0.981 */
	static const int nineteenth[] = {306, 307, 308, 309, 310, 311, 312, 313};
	/* a twentieth set, documents at their first run P 0.962 R 0.941 */
	static const int twentieth[] = {314, 315, 316, 317, 318, 319, 320, 321};
	/* a twenty-first set, documents at their first run P 0.980 R 0.970 */
	static const int twenty_first[] = {322, 323, 324, 325, 326, 327, 328, 329};
	/* a twenty-second set, documents at their first run P 0.981 R 0.968 */
	static const int twenty_second[] = {330, 331, 332, 333, 334, 335, 336, 337};
	/* a twenty-third set, documents at their first run P 0.982 R 0.967 */
	static const int twenty_third[] = {338, 339, 340, 341, 342, 343, 344, 345};
	/* a twenty-fourth set, documents at their first run P 0.974 R 0.961;
	 * read for the mends that followed (training figures since) */
	static const int twenty_fourth[] = {346, 347, 348, 349, 350, 351, 352, 353};
	/* a twenty-fifth set, documents at their first run P 0.958 R 0.952;
	 * read for the mends that followed (training figures since) */
	static const int twenty_fifth[] = {354, 355, 356, 357, 358, 359, 360, 361};
	/* a twenty-sixth set, documents at their first run P 0.970 R 0.974 */
	static const int twenty_sixth[] = {362, 363, 364, 365, 366, 367, 368, 369};
	/* a twenty-seventh set, documents at their first run P 0.968 R 0.944;
	 * 370-373 read for the mends that followed, 374-377 held out */
	static const int twenty_seventh[] = {370, 371, 372, 373, 374, 375, 376, 377};
	/* a twenty-eighth set, written while the mends from 370-373 were made,
	 * documents at their first run (aa3cc56) P 0.975 R 0.966; 378-381 read
	 * for the mends that followed, 382-385 held out */
	static const int twenty_eighth[] = {378, 379, 380, 381, 382, 383, 384, 385};
	/* a twenty-ninth set, written after both mend rounds, documents at
	 * their first run (de4929b) P 0.963 R 0.956; held out */
	static const int twenty_ninth[] = {386, 387, 388, 389, 390, 391, 392, 393};
	/* a thirtieth set, documents at their first run (847cb58) P 0.958
	 * R 0.960; 394-397 read for the mends that followed, 398-401 held out */
	static const int thirtieth[] = {394, 395, 396, 397, 398, 399, 400, 401};
	/* a thirty-first set, written while the mends from 394-397 were made,
	 * documents at their first run (925f89f) P 0.975 R 0.969; 402-405 read
	 * for the mends that followed, 406-409 held out */
	static const int thirty_first[] = {402, 403, 404, 405, 406, 407, 408, 409};
	/* a thirty-second set, written while the mends from 402-405 were made,
	 * documents at their first run (f88a71b) P 0.982 R 0.960; 414-417 read
	 * for the mends that followed, 410-413 held out */
	static const int thirty_second[] = {410, 411, 412, 413, 414, 415, 416, 417};
	/* a thirty-third set, documents at their first run (b85d044) P 0.983
	 * R 0.966; 418-421 read for the mends that followed, 422-425 held out */
	static const int thirty_third[] = {418, 419, 420, 421, 422, 423, 424, 425};
	/* a thirty-fourth set, written while the mends from 418-421 were made,
	 * documents at their first run (810b7ff) P 0.979 R 0.975; 426-429 read
	 * for the mends that followed, 430-433 held out */
	static const int thirty_fourth[] = {426, 427, 428, 429, 430, 431, 432, 433};
	/* a thirty-fifth set, written while the mends from 426-429 were made,
	 * documents at their first run (9307ba3) P 0.978 R 0.988; 434-437 read
	 * for the mends that followed, 438-441 held out */
	static const int thirty_fifth[] = {434, 435, 436, 437, 438, 439, 440, 441};
	/* a thirty-sixth set, written while the mends from 434-437 were made,
	 * documents at their first run (de0492b) P 0.985 R 0.981; held out */
	static const int thirty_sixth[] = {442, 443, 444, 445, 446, 447, 448, 449};
	/* a thirty-seventh set, written after the session's mends, documents
	 * at their first run (3206ebe) P 0.981 R 0.984; held out */
	static const int thirty_seventh[] = {450, 451, 452, 453, 454, 455, 456, 457};
	/* a thirty-eighth set, written while the model was retrained on every
	 * read batch, documents at their first run (that retrain) P 0.982
	 * R 0.981; 458-461 read for the mends that followed, 462-465 held out */
	static const int thirty_eighth[] = {458, 459, 460, 461, 462, 463, 464, 465};
	/* a thirty-ninth set, written while that retrain was measured,
	 * documents at their first run (e82ae36) P 0.980 R 0.971; 466-469
	 * read for the mends that followed, 470-473 held out */
	static const int thirty_ninth[] = {466, 467, 468, 469, 470, 471, 472, 473};
	/* a fortieth set, written while those mends were made, documents at
	 * their first run (463fc10) P 0.970 R 0.978; held out */
	static const int fortieth[] = {474, 475, 476, 477, 478, 479, 480, 481};
	/* a forty-first set, written after them, documents at their first run
	 * (b83f328) P 0.975 R 0.979; held out */
	static const int forty_first[] = {482, 483, 484, 485, 486, 487, 488, 489};
	/* a forty-second set, written at the session's end, documents at their
	 * first run (b509c3b) P 0.982 R 0.972; held out */
	static const int forty_second[] = {490, 491, 492, 493, 494, 495, 496, 497};
	/* a forty-third set, written for documents beyond the usual forms
	 * (a hospital, fire and ambulance, schools, water, public housing,
	 * case records, personnel, the assembly, elections and farmland,
	 * property tax, grants and contracts, OCR, phones), documents at
	 * their first run (9fa14c6) P 0.955 R 0.924; 498-505, 512 and 513
	 * read for the mends that followed, 506-511 held out */
	static const int forty_third[] = {498, 499, 500, 501, 502, 503, 504, 505,
					  506, 507, 508, 509, 510, 511, 512, 513};
	/* a forty-fourth set, written after the spacing mends for OCR, phones,
	 * public housing, disasters and land, documents at their first run
	 * (338eb71) P 0.938 R 0.868; 514, 516, 518 and 520 read for the mends
	 * that followed, 515, 517, 519 and 521 held out */
	static const int forty_fourth[] = {514, 515, 516, 517, 518, 519, 520, 521};
	/* a forty-fifth set, the same brief, written after the session's
	 * mends, documents at their first run (85fc95c) P 0.967 R 0.960
	 * (9fa14c6 on the same texts P 0.968 R 0.947); held out */
	static const int forty_fifth[] = {522, 523, 524, 525, 526, 527, 528, 529};
	/* a forty-sixth set, the same brief for other sections (furusato
	 * nozei, bereavement desks and cemeteries, foreign residents'
	 * counselling, consumer and legal advice, settlers and vacant houses,
	 * disability welfare, special collection of resident tax, the call
	 * centre and letters to the mayor), documents at their first run
	 * (06eaa0e) P 0.960 R 0.970; 530, 532, 534 and 537 read for the mends
	 * that followed, 531, 533, 535 and 536 held out */
	static const int forty_sixth[] = {530, 531, 532, 533, 534, 535, 536, 537};
	/* a forty-seventh set, the same brief (light vehicle tax, the health
	 * centre, long-term care insurance, the national pension, commerce and
	 * tourism, residents' associations, snow clearing, single parents),
	 * written after the session's mends, documents at their first run
	 * (41c39c1) P 0.973 R 0.958 (06eaa0e on the same texts P 0.973
	 * R 0.950); 538, 540, 542 and 544 read for the mends that followed,
	 * 539, 541, 543 and 545 held out */
	static const int forty_seventh[] = {538, 539, 540, 541, 542, 543, 544, 545};
	/* a forty-eighth set, the same brief (nuclear-disaster evacuation,
	 * school meals, farming and fishing, bookings of public facilities,
	 * traffic safety and parking, coming-of-age ceremonies, sports clubs,
	 * medical-expense aid), written while those mends were made, documents
	 * at their first run (their code) P 0.975 R 0.964 (06eaa0e on the
	 * same texts P 0.975 R 0.961); 546, 548, 550 and 552 read for the
	 * mends that followed, 547, 549, 551 and 553 held out */
	static const int forty_eighth[] = {546, 547, 548, 549, 550, 551, 552, 553};
	/* a forty-ninth set, the same brief (planning and building, the
	 * 市民課 counter, forestry and wildlife, rural clinics and mobile
	 * shops, foreign pupils, tax collection, fishing and citrus growers,
	 * public relations), written while those mends were made, documents
	 * at their first run (their code) P 0.957 R 0.967 (06eaa0e on the
	 * same texts P 0.956 R 0.961); 554, 556, 558 and 560 read for the
	 * mends that followed, 555, 557, 559 and 561 held out */
	static const int forty_ninth[] = {554, 555, 556, 557, 558, 559, 560, 561};
	/* a fiftieth set, the same brief (dog registration and wildlife,
	 * adult classes and statistical surveys, start-ups and tourism,
	 * demand buses and longevity gifts, the fire brigade and evacuation
	 * plans, nurseries and after-school clubs, official-car accidents and
	 * staff claims, bulky waste and international exchange), documents
	 * at their first run (34eddc7) P 0.971 R 0.976; the first file of
	 * each pair (562, 564, ... 576) read for the mends that followed, the
	 * second (563, 565, ... 577) held out */
	static const int fiftieth[] = {562, 563, 564, 565, 566, 567, 568, 569,
				       570, 571, 572, 573, 574, 575, 576, 577};
	/* a fifty-first set, the same brief (traffic-accident mutual aid and
	 * street lights, welfare commissioners and guardians, quake-proofing
	 * and scholarships, a culture hall and citizens' groups, a roadside
	 * station and meal delivery, tax refunds and pollution complaints,
	 * waste licences and local industry, licence returns and regional
	 * revitalisation cooperators, beach clean-ups and military land),
	 * written after the first mends, documents at their first run
	 * (ff66e98) P 0.970 R 0.973 (34eddc7 P 0.970 R 0.972); the first file of
	 * each pair (578, 580, ... 592) read for the mends that followed, the
	 * second (579, 581, ... 593) held out */
	static const int fifty_first[] = {578, 579, 580, 581, 582, 583, 584, 585,
					  586, 587, 588, 589, 590, 591, 592, 593};
	/* a fifty-second set, the same brief (land improvement and livestock
	 * disease, festivals and forest boundaries, ama divers and lodging
	 * taxes, foreign trainees at shipyards and cycling accidents, fish
	 * processing and small water supplies, heritage guides and island
	 * ferries, vacant lots and health check-ups, hospital arrears and
	 * welfare transport), written after the second mends, documents at
	 * their first run (2eaa046) P 0.970 R 0.984 (34eddc7 P 0.969
	 * R 0.984); the first file of each pair (594, 596, ... 608) read for
	 * the mends that followed, the second (595, 597, ... 609) held out */
	static const int fifty_second[] = {594, 595, 596, 597, 598, 599, 600, 601,
					   602, 603, 604, 605, 606, 607, 608, 609};
	/* a fifty-third set, the same brief (heritage permits and farmland
	 * patrols, sports facilities and Japanese classes, homestead woods
	 * and snow-melting wells, lake fisheries and children's cafeterias,
	 * biomass fuel and trial homes, potters and nuclear evacuation,
	 * kagura and typhoon damage, condominiums and interns), written after
	 * the third mends, documents at their first run (211163e) P 0.965
	 * R 0.973 (34eddc7 P 0.964 R 0.973); the first file of each pair
	 * (610, 612, ... 624) read for the mends that followed, the second
	 * (611, 613, ... 625) held out */
	static const int fifty_third[] = {610, 611, 612, 613, 614, 615, 616, 617,
					  618, 619, 620, 621, 622, 623, 624, 625};
	/* a fifty-fourth set, the same brief (merchant storehouses and snow
	 * clearing, lifeguards and game hunters, pilgrim-route guides and
	 * plum growers, a harbour and blood donation, foreign pupils and
	 * estate parking, island medical transport and churches, hot springs
	 * and lost property, glove makers and irrigation ponds), written after
	 * the fourth mends, documents at their first run (426b0e6) P 0.949
	 * R 0.966 (34eddc7 P 0.948 R 0.964); the first file of each pair
	 * (626, 628, ... 640) read for the mends that followed, the second
	 * (627, 629, ... 641) held out */
	static const int fifty_fourth[] = {626, 627, 628, 629, 630, 631, 632, 633,
					   634, 635, 636, 637, 638, 639, 640, 641};
	/* a fifty-fifth set, the same brief (water service and municipal
	 * housing, elections and farmland, a library and school affairs,
	 * heritage and cemeteries, hometown tax and consumer advice, roads and
	 * guardianship, housing grants and bicycles, settlers and gender
	 * equality), written at session 18's start, documents at their first
	 * run (f5bf10d) P 0.967 R 0.981; the first file of each pair (642,
	 * 644, ... 656) read for the mends that followed, the second (643,
	 * 645, ... 657) held out */
	static const int fifty_fifth[] = {642, 643, 644, 645, 646, 647, 648, 649,
					  650, 651, 652, 653, 654, 655, 656, 657};
	/* a fifty-sixth set, the same brief (health centres and blood
	 * donation, community halls and sports, business incentives and
	 * shopping vouchers, forestry and hamlet support, disaster volunteers
	 * and victims' support, a hospital's accounts and home nursing,
	 * public relations and disclosure requests, a council's secretariat
	 * and audits), written while session 18's first mends were made,
	 * documents at their first run (b095b3c) P 0.969 R 0.968; the first
	 * file of each pair (658, 660, ... 672) read for the mends that
	 * followed, the second (659, 661, ... 673) held out */
	static const int fifty_sixth[] = {658, 659, 660, 661, 662, 663, 664, 665,
					  666, 667, 668, 669, 670, 671, 672, 673};
	/* a fifty-seventh set of eight files, the same brief (children's day
	 * services and community buses, ama divers and public property, island
	 * ferries and seniors' clubs, NPO support and staff personnel),
	 * written while session 18's second mends were made, documents at
	 * their first run (777ace2) P 0.957 R 0.973; 674, 676, 678 and 680
	 * read for the mends that followed, 675, 677, 679 and 681 held out */
	static const int fifty_seventh[] = {674, 675, 676, 677, 678, 679, 680, 681};
	/* a fifty-eighth set, the same brief (airport and port promotion and
	 * municipal spas, storks and snow damage, satellite offices and the
	 * Awa Odori, disaster memory and fish processing, hot-spring sources
	 * and school clubs, nuclear preparedness and cadastral surveys,
	 * ferries and sister cities, house numbering and noise complaints),
	 * written while session 18's third mends were made, documents at
	 * their first run (268617c) P 0.973 R 0.965; the first file of each
	 * pair (682, 684, ... 696) read for the mends that followed, the
	 * second (683, 685, ... 697) held out */
	static const int fifty_eighth[] = {682, 683, 684, 685, 686, 687, 688, 689,
					   690, 691, 692, 693, 694, 695, 696, 697};
	/* a fifty-ninth set of eight files, the same brief (a zoo and winter
	 * support, weaving apprentices and war archives, parks and holiday
	 * clinics, border islands' jobs and Korean visitors), written while
	 * session 18's fourth mends were made, documents at their first run
	 * (b160713) P 0.962 R 0.966; 698, 700, 702 and 704 read, 699, 701,
	 * 703 and 705 held out */
	static const int fifty_ninth[] = {698, 699, 700, 701, 702, 703, 704, 705};
	/* a sixtieth set of eight files, the same brief (dinosaur tourism and
	 * crafts, farming heritage and family support, lake fisheries and
	 * float festivals, flood rebuilding and grassland burning), written
	 * while session 18's fifth mends were made, documents at their first
	 * run (cbc371a) P 0.986 R 0.979; 706, 708, 710 and 712 read for one
	 * last mend, 707, 709, 711 and 713 held out */
	static const int sixtieth[] = {706, 707, 708, 709, 710, 711, 712, 713};
	/* a sixty-first set of sixteen files, the same brief (a vacancy bank
	 * and festival traffic, landslides and holiday estates, livestock
	 * and a rocket range, koi and snow roofs, forests and village buses,
	 * tsunami towers and fishing ports, brewers' succession and
	 * after-school clubs, island fares and cruise ships), written at the
	 * start of session 19, documents at their first run (82e654b)
	 * P 0.958 R 0.967; 714, 716, ... 728 read for the mends that
	 * followed, 715, 717, ... 729 held out */
	static const int sixty_first[] = {714, 715, 716, 717, 718, 719, 720, 721,
					  722, 723, 724, 725, 726, 727, 728, 729};
	/* a sixty-second set of fourteen files, the same brief (orchard
	 * helpers and festival floats, museums and wood chips, armour troops
	 * and bears, shipyard workers and cyclists, crafts and inns, sports
	 * camps and kagura, typhoon repairs and beaches), written while
	 * session 19's first mends were made, documents at their first run
	 * (91a004e) P 0.968 R 0.963; 730, 732, ... 742 read for the mends
	 * that followed, 731, 733, ... 743 held out */
	static const int sixty_second[] = {730, 731, 732, 733, 734, 735, 736,
					   737, 738, 739, 740, 741, 742, 743};
	/* a sixty-third set of fourteen files, the same brief (pottery and
	 * heat shelters, ama divers and tourists' first aid, dairy farms and
	 * former islanders, local industry jobs and empty houses, nuclear
	 * evacuation and tea tourism, bears and Akita dogs, mandarin farms
	 * and evening classes), written while session 19's second mends were
	 * made, documents at their first run (50e6eaa) P 0.962 R 0.978; 744,
	 * 746, ... 756 read for the mends that followed, 745, 747, ... 757
	 * held out */
	static const int sixty_third[] = {744, 745, 746, 747, 748, 749, 750,
					  751, 752, 753, 754, 755, 756, 757};
	/* a sixty-fourth set of sixteen files, the same brief (Mount Fuji and
	 * orchard stays, interpreters and holiday-home water, a silver mine's
	 * streets and kagura troupes, an art festival and udon shops, coal
	 * mining history and canals, a maglev's land and local products,
	 * volcano evacuation and a fish market, pears and foreign seamen),
	 * written while session 19's third mends were made, documents at
	 * their first run (6790485) P 0.955 R 0.975; 758, 760, ... 772 read
	 * for the mends that followed, 759, 761, ... 773 held out */
	static const int sixty_fourth[] = {758, 759, 760, 761, 762, 763, 764, 765,
					   766, 767, 768, 769, 770, 771, 772, 773};
	/* a sixty-fifth set of sixteen files, the same brief (burial mounds
	 * and cemeteries, squid fishing and a station's tourists, factory
	 * workers and mountain settlers, earthquake rebuilding and Amakusa,
	 * Sado's gold mine and farmland, Uji tea and students, Tono's
	 * folktales and snow clearing, base neighbours and moai), written
	 * while session 19's fourth mends were made, documents at their first
	 * run (a0f0865) P 0.976 R 0.978; none read, all held out */
	static const int sixty_fifth[] = {774, 775, 776, 777, 778, 779, 780, 781,
					  782, 783, 784, 785, 786, 787, 788, 789};
	/* a sixty-sixth set of sixteen files, the same brief (lake sports and
	 * merchants' houses, returning residents and a horse festival, slope
	 * towns and a volcano, a silk mill and a farm stand, citrus orchards
	 * and pearl farms, a housing estate and foundries, cherry pickers and
	 * shogi, volcanic ash and island ferries), written after the
	 * sixty-fifth, documents at their first run (1d67180) P 0.969
	 * R 0.977; 790, 792, ... 804 read for session 19's last mends, 791,
	 * 793, ... 805 held out */
	static const int sixty_sixth[] = {790, 791, 792, 793, 794, 795, 796, 797,
					  798, 799, 800, 801, 802, 803, 804, 805};
	/* a sixty-seventh set of sixteen files from a brief for running text
	 * only (e-mails, chats, memos, minutes, transcripts, requests to an
	 * AI; no forms or tables): earthquake housing and lacquer workshops,
	 * rice farmers and cruise ships, tourists and gassho houses, airport
	 * workers and a float festival, inns' staff and students, onion farms
	 * and drift ice, precision firms and a pillar festival, island
	 * clinics and migrants; documents at their first run (2779b8c) P
	 * 0.967 R 0.953; 806, 808, ... 820 read for session 20's mends, 807,
	 * 809, ... 821 held out */
	static const int sixty_seventh[] = {806, 807, 808, 809, 810, 811, 812, 813,
					    814, 815, 816, 817, 818, 819, 820, 821};
	/* a sixty-eighth set of fourteen files, the running-text brief
	 * (island ferries and endemic species, disaster-memory guides and
	 * fisheries, an alpine route and medicine sellers, steelworks
	 * retirees and a retro port, a dance festival and satellite offices,
	 * a town fire and jade hunters, an industrial zone and tower
	 * condominiums), written after the sixty-seventh; documents at their
	 * first run (67163a0) P 0.978 R 0.953; 822, 824, ... 834 read for
	 * session 20's second mends, 823, 825, ... 835 held out */
	static const int sixty_eighth[] = {822, 823, 824, 825, 826, 827, 828,
					   829, 830, 831, 832, 833, 834, 835};
	/* a sixty-ninth set of fourteen files, the running-text brief
	 * (beaches and new residents, dairy farms and draft-horse racing,
	 * onion farms and a ferry, pilgrims and a tuna port, an all-night
	 * dance and papermakers, shrine visitors and clam fishers, a morning
	 * market and interpreters), written after the sixty-eighth; documents
	 * at their first run (4f6215a) P 0.966 R 0.952; none read, all held
	 * out */
	static const int sixty_ninth[] = {836, 837, 838, 839, 840, 841, 842,
					  843, 844, 845, 846, 847, 848, 849};
	/* a seventieth set of fourteen files, the running-text brief
	 * (volcanic islands, timber mills and floods, a naval port and silk
	 * weavers, forest rangers and elders, storks and hot-spring inns, a
	 * vine bridge and a village's last households, a steel town and an
	 * Ainu museum), written after the sixty-ninth; documents at their
	 * first run (c7df65d) P 0.958 R 0.958; none read, all held out */
	static const int seventieth[] = {850, 851, 852, 853, 854, 855, 856,
					 857, 858, 859, 860, 861, 862, 863};
	/* a seventy-first set of sixteen files, the running-text brief
	 * (fish markets and an air base, snow clearing and a morning market,
	 * a gold mine's guides and an island clinic, hillside houses and
	 * Chinatown, river fishers and a village school, Okinawan and
	 * Brazilian communities and care homes, wineries and Fuji rescues,
	 * sugarcane farmers and island elders, lavender farms and a zoo),
	 * written in session 21; documents at their first run (d3d2e2f) P
	 * 0.964 R 0.949; 864, 866, ... 878 read for session 21's mends, 865,
	 * 867, ... 879 held out */
	static const int seventy_first[] = {864, 865, 866, 867, 868, 869, 870, 871,
					    872, 873, 874, 875, 876, 877, 878, 879};
	/* a seventy-second set of sixteen files, the running-text brief
	 * (oyster farmers and disaster housing, day labourers and
	 * Koreatown, volcanic ash and fireworks, Brazilian workers and eel
	 * farms, denim workshops and a historic quarter, lacquerware and
	 * elders who moved away, apple growers and float makers, mountain
	 * huts and remote workers), written in session 21 after its first
	 * mends; documents at their first run (441d3e1) P 0.972 R 0.944;
	 * 880, 882, ... 894 read for session 21's second mends, 881, 883,
	 * ... 895 held out */
	static const int seventy_second[] = {880, 881, 882, 883, 884, 885, 886, 887,
					     888, 889, 890, 891, 892, 893, 894, 895};
	/* a seventy-third set of sixteen files, the running-text brief
	 * (walnut farmers and bear patrols, shipyard workers and cycling
	 * tourists, Okubo's residents and night shops, grassland burning and
	 * hot-spring inns, weavers and lake fishermen, island ferries and
	 * remote clinics, car-parts workers and a mountain district,
	 * fishing crews and mine retirees), written in session 21 after its
	 * third mends; documents at their first run (acb5ec7) P 0.975 R
	 * 0.943; 896, 898, ... 910 read for session 21's fourth mends, 897,
	 * 899, ... 911 held out */
	static const int seventy_third[] = {896, 897, 898, 899, 900, 901, 902, 903,
					    904, 905, 906, 907, 908, 909, 910, 911};
	/* a seventy-fourth set of sixteen files, the running-text brief (a
	 * port's silos and pilgrims' lodgings, ninja tourists and housing
	 * estates, cormorant boats and citrus terraces, factory workers and
	 * a heat-record town, island ports and exchange students, food stalls
	 * and elders in winter, a market's tenants and single parents, ramen
	 * shops and heavy snow), written in session 21 after its fourth
	 * mends; documents at their first run (3645402) P 0.967 R 0.944;
	 * none read, all held out */
	static const int seventy_fourth[] = {912, 913, 914, 915, 916, 917, 918, 919,
					     920, 921, 922, 923, 924, 925, 926, 927};
	/* a seventy-fifth set of sixteen files, the running-text brief
	 * (hot-spring workers and elders in snow, a balloon festival and
	 * potters, small factories and foreign children, island students and
	 * helicopter transfers, a chip plant's workers and folk-tale guides,
	 * towel makers and citrus islands, closed hotels and dairy helpers,
	 * whirlpool boats and a puppet theatre), written in session 21 after
	 * its fifth mends; documents at their first run (e7dc648) P 0.975 R
	 * 0.958; none read, all held out */
	static const int seventy_fifth[] = {928, 929, 930, 931, 932, 933, 934, 935,
					    936, 937, 938, 939, 940, 941, 942, 943};
	/* a seventy-sixth set of sixteen files, the running-text brief
	 * (dumpling shops and float carriers, a light rail and medicine
	 * sellers, knife forges and a float festival, carp canals and
	 * sweetfish, a flower park and a fishing port, baseball camps and
	 * tuna crews, namahage and wind-farm workers, deer park and a
	 * religious city), written in session 21 after the model was trained
	 * on the read files; documents at their first run (574df08) P 0.981
	 * R 0.948; none read, all held out */
	static const int seventy_sixth[] = {944, 945, 946, 947, 948, 949, 950, 951,
					    952, 953, 954, 955, 956, 957, 958, 959};
	/* a seventy-seventh set of sixteen files, the running-text brief
	 * (a bullet-train town and fishing villages, a samurai town and
	 * hot-spring inns, a storehouse street and commuters, a castle's
	 * guides and oyster farmers, rice brewers and a port city, a shrine
	 * city and a racing circuit, rebuilt homes and island boats, frame
	 * workshops and heavy snow), written in session 21 at its last code;
	 * documents at their first run (0347d86) P 0.963 R 0.956; none read,
	 * all held out */
	static const int seventy_seventh[] = {960, 961, 962, 963, 964, 965, 966, 967,
					      968, 969, 970, 971, 972, 973, 974, 975};
	/* a seventy-eighth set of sixteen files, the running-text brief with
	 * the 内線 convention said outright (snow and kerosene rounds, evacuees
	 * and fish processors, a daruma fair and care records, commuters'
	 * nurseries and Makuhari's residents, cormorant boats and textile
	 * workers, plum farmers and council minutes, Izumo's inns and
	 * guardianship, a steelworks and family support), written in session
	 * 22; documents at their first run (37ccc9a) P 0.973 R 0.937; 976,
	 * 978, ... 990 read for session 22's first mends, 977, 979, ... 991
	 * held out */
	static const int seventy_eighth[] = {976, 977, 978, 979, 980, 981, 982, 983,
					     984, 985, 986, 987, 988, 989, 990, 991};
	/* a seventy-ninth set of sixteen files, the same brief (fish
	 * processors and an air base, researchers' families and lotus
	 * farmers, tuna canneries and quake drills, olive groves and council
	 * flats, hot-spring students and mikan farms, tower blocks and small
	 * factories, denim workers and single parents, blizzards and a
	 * shrinking town), written in session 22 after its first mends;
	 * documents at their first run (cce1d9e) P 0.969 R 0.949; 992, 994,
	 * ... 1006 read for session 22's second mends, 993, 995, ... 1007
	 * held out */
	static const int seventy_ninth[] = {992, 993, 994, 995, 996, 997, 998, 999,
					    1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007};
	/* an eightieth set of sixteen files, the same brief (cherry pickers
	 * and care assessments, gold-leaf workshops and child support, shoe
	 * factories and welfare networks, bonito crews and evacuation lists,
	 * precision works and newcomers, dance troupes and tax arrears, fish
	 * processors and elders' watch, Indian families and flood drills),
	 * written in session 22 after its second mends; documents at their
	 * first run (e30685a) P 0.979 R 0.941; 1008, 1010, ... 1022 read for
	 * session 22's third mends, 1009, 1011, ... 1023 held out */
	static const int eightieth[] = {1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015,
					1016, 1017, 1018, 1019, 1020, 1021, 1022, 1023};
	/* an eighty-first set of sixteen files, the same brief (students
	 * and oyster farmers, temple lodgings and tax counters, a petrochem
	 * complex and nursery panels, shipyard families and A-bomb
	 * survivors, coal-town elders and flood certificates, Chinatown and
	 * a day-labourers' quarter, blowfish markets and ageing estates,
	 * pineapple farms and village halls), written in session 22 after
	 * its third mends; documents at their first run (8fb048d) P 0.974 R
	 * 0.948; 1024, 1026, ... 1038 read for session 22's fourth mends,
	 * 1025, 1027, ... 1039 held out */
	static const int eighty_first[] = {1024, 1025, 1026, 1027, 1028, 1029, 1030, 1031,
					   1032, 1033, 1034, 1035, 1036, 1037, 1038, 1039};
	/* an eighty-second set of sixteen files, the same brief (a morning
	 * market and squid boats, paper mills and dried fish, sake breweries
	 * and student lodgings, shipyards and island clinics, a shopping mall
	 * and flood drills, cedar mills and snowbound elders, peach farms and
	 * unpaid bills, a shopping street and welfare meetings), written in
	 * session 22 after its fourth mends; documents at their first run
	 * (9435d6b) P 0.966 R 0.944; 1040, 1042, ... 1054 read for session
	 * 22's fifth mends, 1041, 1043, ... 1055 held out */
	static const int eighty_second[] = {1040, 1041, 1042, 1043, 1044, 1045, 1046, 1047,
					    1048, 1049, 1050, 1051, 1052, 1053, 1054, 1055};
	/* an eighty-third set of sixteen files, the same brief (float
	 * troupes and tax arrears, a car port and infant check-ups, hot
	 * springs and flood rebuilding, warehouse workers and group homes,
	 * cattle farms and a village hall, nurses and child protection,
	 * castle guides and foreign families, a shrine's fishers and fraud
	 * victims), written in session 22 after its fifth mends; documents at
	 * their first run (22c144e) P 0.975 R 0.935; 1056, 1058, ... 1070
	 * read for session 22's sixth mends, 1057, 1059, ... 1071 held out */
	static const int eighty_third[] = {1056, 1057, 1058, 1059, 1060, 1061, 1062, 1063,
					   1064, 1065, 1066, 1067, 1068, 1069, 1070, 1071};
	/* an eighty-fourth set of sixteen files, the same brief (steel and
	 * hot-spring towns, snow operators and a great fire, fish stalls and
	 * children's cafeterias, students and lonely deaths, a base and
	 * island elders, potters and nursery panels, rush farmers and flood
	 * survivors, researchers' families and condo disputes), written in
	 * session 22 at its last code; documents at their first run
	 * (f983196) P 0.967 R 0.954; none read, all held out */
	static const int eighty_fourth[] = {1072, 1073, 1074, 1075, 1076, 1077, 1078, 1079,
					    1080, 1081, 1082, 1083, 1084, 1085, 1086, 1087};
	/* an eighty-fifth set of sixteen files, the same brief (drift ice
	 * and scallops, orchards and returned evacuees, a port's workers and
	 * council flats, potters and flood certificates, small factories and
	 * nurseries, kagura and mountain elders, a night festival and
	 * shopping runs, base-town bars and children's places), written in
	 * session 22 at its last code after the margin experiment; documents
	 * at their first run (0b15fae) P 0.970 R 0.950; none read, all held
	 * out */
	static const int eighty_fifth[] = {1088, 1089, 1090, 1091, 1092, 1093, 1094, 1095,
					   1096, 1097, 1098, 1099, 1100, 1101, 1102, 1103};
	/* an eighty-sixth set of sixteen files, the same brief (port
	 * fishermen and retired miners, border towns and dairy co-ops,
	 * ironware and snow clearing, recovery housing and a fishing port,
	 * fireworks volunteers and island ferries, wineries and mountain
	 * rescue, Brazilian families and tea farms, udon shops and wakame
	 * farmers, quake re-housing and volcanic ash, an island's resort
	 * workers and a border island), written in session 23 after the
	 * margin's change; documents at their first run (5c9adc6) P 0.972 R
	 * 0.968; 1104, 1106, ... 1118 read for session 23's first mends, 1105,
	 * 1107, ... 1119 held out */
	static const int eighty_sixth[] = {1104, 1105, 1106, 1107, 1108, 1109, 1110, 1111,
					   1112, 1113, 1114, 1115, 1116, 1117, 1118, 1119};
	/* an eighty-seventh set of sixteen files, the same brief (furniture
	 * makers and a northern port, cherry farmers and a rice port, natto
	 * makers and machinery towns, a storehouse town and a night festival,
	 * car-plant families and miso makers, a naval port and river floods,
	 * a canal quarter and cattle farmers, a base town and a volcano's
	 * evacuees), written in session 23 after its first mends; documents
	 * at their first run (2344ae6) P 0.970 R 0.959; 1120, 1122, ... 1134
	 * read for session 23's second mends, 1121, 1123, ... 1135 held out */
	static const int eighty_seventh[] = {1120, 1121, 1122, 1123, 1124, 1125, 1126, 1127,
					     1128, 1129, 1130, 1131, 1132, 1133, 1134, 1135};
	/* an eighty-eighth set of sixteen files, the same brief (onion
	 * farmers and drift ice, evacuees and lacquerware, gyoza shops and
	 * shrine guides, a tram city and bronze casters, a dinosaur museum
	 * and eyeglass frames, a castle moat and a manga road, a hot-spring
	 * capital and a blowfish market, steam workers and cedar foresters),
	 * written in session 23 after its second mends; documents at their
	 * first run (22c40b5) P 0.963 R 0.955; 1136, 1138, ... 1150 read for
	 * session 23's third mends, 1137, 1139, ... 1151 held out */
	static const int eighty_eighth[] = {1136, 1137, 1138, 1139, 1140, 1141, 1142, 1143,
					    1144, 1145, 1146, 1147, 1148, 1149, 1150, 1151};
	/* an eighty-ninth set of sixteen files, the same brief (a squid
	 * port and horse farms, bus cuts and silk weavers, clam diggers and
	 * flower farms, fish-cake makers and warehouses, a castle's mascot and
	 * a glass street, tanneries and salt fields, citrus factories and
	 * pearl farmers, a balloon fiesta and float carriers), written in
	 * session 23 at its last code; documents at their first run
	 * (5de67d9) P 0.974 R 0.959; none read, all held out */
	static const int eighty_ninth[] = {1152, 1153, 1154, 1155, 1156, 1157, 1158, 1159,
					   1160, 1161, 1162, 1163, 1164, 1165, 1166, 1167};
	/* a ninetieth set of sixteen files, the same brief (mochi-rice
	 * farmers and wind-farm hamlets, mochi restaurants and ironware
	 * casters, silk heritage and wine growers, pottery wholesalers and
	 * tile factories, shrine-town shops and ama divers, a temple town's
	 * guesthouses and octopus fishers, shipyards and a drum festival,
	 * shochu distillers and bonito fishers), written in session 23 at its
	 * last code; documents at their first run (1bdc522) P 0.973 R 0.950
	 * (0.9499); none read, all held out */
	static const int ninetieth[] = {1168, 1169, 1170, 1171, 1172, 1173, 1174, 1175,
					1176, 1177, 1178, 1179, 1180, 1181, 1182, 1183};
	/* a ninety-first set of sixteen files from a brief for short texts of
	 * every kind (registry and housing, taxes and pensions, insurance and
	 * welfare, child care and foreign residents, the assembly and
	 * elections, staff mail and shelters, contracts and check-ups, citizens'
	 * complaints and schools; eight regions), written in session 24 at
	 * its start; documents at their first run (ef6d7a0) P 0.979 R 0.976;
	 * 1184, 1186, ... 1198 read for session 24's mends, 1185, 1187, ...
	 * 1199 held out */
	static const int ninety_first[] = {1184, 1185, 1186, 1187, 1188, 1189, 1190, 1191,
					   1192, 1193, 1194, 1195, 1196, 1197, 1198, 1199};
	/* a ninety-second set of sixteen files, the same brief (family
	 * registers and crematoria, tax arrears and public housing, grants and
	 * a port's events, farmland and vacant houses, elder care and
	 * neighbourhood welfare, single parents and DV counselling, fire and
	 * roads, staff pay and libraries; eight more regions), written in
	 * session 24 while its first mends were made; documents at their
	 * first run (7b5864f) P 0.984 R 0.979; 1200, 1202, ... 1214 read for
	 * session 24's second mends, 1201, 1203, ... 1215 held out */
	static const int ninety_second[] = {1200, 1201, 1202, 1203, 1204, 1205, 1206, 1207,
					    1208, 1209, 1210, 1211, 1212, 1213, 1214, 1215};
	/* a ninety-third set of sixteen files, the same brief (copies of
	 * residence records and family registers, property tax and refunds,
	 * health insurance and home adaptations, disability and hardship,
	 * child protection and special schooling, foreign residents and a
	 * multicultural desk, the assembly and disclosure requests, staff mail
	 * and requests to an assistant; eight more regions), written in
	 * session 24 while its third mends were made; documents at their first
	 * run (744b42b) P 0.991 R 0.977; 1216, 1218, ... 1230 read for session
	 * 24's fourth mends, 1217, 1219, ... 1231 held out */
	static const int ninety_third[] = {1216, 1217, 1218, 1219, 1220, 1221, 1222, 1223,
					   1224, 1225, 1226, 1227, 1228, 1229, 1230, 1231};
	/* a ninety-fourth set of sixteen files, the same brief (elder
	 * medical care and care fees, vehicle tax and tax certificates,
	 * moving and seal registration, nursery fees and after-school clubs,
	 * foreign pupils and language classes, staff health and the safety
	 * committee, welfare case records and medical aid, candidates and
	 * polling stations; eight more regions), written in session 24 at its
	 * last code; documents at their first run (710a638) P 0.990 R 0.966;
	 * none read, all held out */
	static const int ninety_fourth[] = {1232, 1233, 1234, 1235, 1236, 1237, 1238, 1239,
					    1240, 1241, 1242, 1243, 1244, 1245, 1246, 1247};
	/* a ninety-fifth set of sixteen files, the same brief (water and
	 * sewer charges, child protection and foster care, families moving in
	 * and nursery places, meals for the elderly and alarm devices,
	 * farmland and wildlife damage, public-housing rents and guarantors,
	 * evacuation-support lists and plans, consumer and debt counselling;
	 * eight more regions), written in session 24 at 439c193, its last code
	 * then; documents at their first run (439c193) P 0.988 R 0.972; 1248,
	 * 1250, ... 1262 read for session 24's fifth mends, 1249, 1251, ...
	 * 1263 held out */
	static const int ninety_fifth[] = {1248, 1249, 1250, 1251, 1252, 1253, 1254, 1255,
					   1256, 1257, 1258, 1259, 1260, 1261, 1262, 1263};
	/* a ninety-sixth set of sixteen files, the same brief (high medical
	 * costs and check-ups, fishers' tax returns and harbour permits,
	 * cemeteries and vacant houses, tourism and lodging taxes, settlers
	 * and regional cooperators, staff exams and part-time appointments,
	 * committees and petitions, foreign residents' insurance and
	 * interpreters; eight more regions), written in session 24 at its
	 * last code; documents at their first run (961d068) P 0.989 R 0.968;
	 * none read, all held out */
	static const int ninety_sixth[] = {1264, 1265, 1266, 1267, 1268, 1269, 1270, 1271,
					   1272, 1273, 1274, 1275, 1276, 1277, 1278, 1279};
	/* a ninety-seventh set of sixteen files, the same brief (nuclear
	 * evacuation and iodine tablets, national health insurance desks,
	 * settlers and vacant houses, long-term care assessments, tax
	 * arrears, school aid and lunch fees, tea farms and farmland, foreign
	 * residents and child allowances, factory sites and hiring grants,
	 * family registers and inheritance, festivals, public assistance,
	 * disability welfare, fire and ambulance, lodging taxes, council
	 * committees; eight more regions), written in session 25 at cf5dac8,
	 * its first code; documents at their first run (cf5dac8) P 0.983
	 * R 0.978; 1280, 1282, ... 1294 read for session 25's mends, 1281,
	 * 1283, ... 1295 held out */
	static const int ninety_seventh[] = {1280, 1281, 1282, 1283, 1284, 1285, 1286, 1287,
					     1288, 1289, 1290, 1291, 1292, 1293, 1294, 1295};
	/* a ninety-eighth set of sixteen files, the same brief (residence
	 * records by post, jobs and scholarship repayment, empty shops and
	 * start-ups, watching over the elderly, radiation and
	 * decontamination, nursery and after-school places, earthquake
	 * relief, pensions and elder medical care, a festival's running,
	 * foreign trainees at factories, fishing and fish processing, snow
	 * clearing, heritage sites, public housing rents, flood recovery,
	 * health checks; eight more regions), written in session 25 at
	 * 2056083, its first mends; documents at their first run (2056083)
	 * P 0.980 R 0.978; 1296, 1298, ... 1310 read for session 25's second
	 * mends, 1297, 1299, ... 1311 held out */
	static const int ninety_eighth[] = {1296, 1297, 1298, 1299, 1300, 1301, 1302, 1303,
					    1304, 1305, 1306, 1307, 1308, 1309, 1310, 1311};
	/* a ninety-ninth set of sixteen files, the same brief (drift-ice
	 * tourism and trial homes, dairy farms and vets, land for the maglev
	 * and its compensation, care prevention groups, fishing-port shops and
	 * hometown-tax gifts, tax certificates, wildlife damage and hunters,
	 * demand taxis and licences returned, river works after floods,
	 * citrus farms' foreign workers, silver-mine guides and inns, support
	 * for disabled children, empty and dangerous houses, cherry-season
	 * workers, namahage and regional cooperators, health-insurance tax;
	 * eight more regions), written in session 25 at 12a7fa38, its last
	 * code; documents at their first run (12a7fa38) P 0.979 R 0.971; none
	 * read, all held out */
	static const int ninety_ninth[] = {1312, 1313, 1314, 1315, 1316, 1317, 1318, 1319,
					   1320, 1321, 1322, 1323, 1324, 1325, 1326, 1327};
	/* a hundredth set of sixteen files, the same brief (estates of
	 * foreign residents, flood shelters and damage certificates, moving
	 * and forwarded mail, house surveys for property tax, second homes,
	 * a training ground's compensation, old houses and settlers, school
	 * mergers and buses, care homes and the special address rule, rural
	 * clinics, farmland inheritance, single-parent allowances, moving
	 * records, livestock disease control, adult guardianship, road
	 * permits and boundaries; eight more regions), written in session 25
	 * at af7e591 (12a7fa38's code); documents at their first run P 0.978
	 * R 0.973; 1328, 1330, ... 1342 read for session 25's third mends,
	 * 1329, 1331, ... 1343 held out */
	static const int hundredth[] = {1328, 1329, 1330, 1331, 1332, 1333, 1334, 1335,
					1336, 1337, 1338, 1339, 1340, 1341, 1342, 1343};
	/* a hundred-and-first set of sixteen files, the same brief
	 * (residents' tax returns and dependants, care premiums and
	 * arrears, vaccinations for families moving in, irrigation
	 * districts, foreign trainees on farms, lake fisheries, grants near
	 * nuclear sites, winter help for the elderly, emergency house
	 * repairs, a city hospital's unpaid bills, a chrysanthemum festival,
	 * after-school care, mountain rescue, municipal cemeteries, forest
	 * owners, election staff; eight more regions), written in session
	 * 25 at 982eaf4, its last code; documents at their first run
	 * (982eaf4) P 0.985 R 0.980; none read, all held out */
	static const int hundred_first[] = {1344, 1345, 1346, 1347, 1348, 1349, 1350, 1351,
					    1352, 1353, 1354, 1355, 1356, 1357, 1358, 1359};
	/* a hundred-and-second set of sixteen files, the same brief
	 * (certificates, moves and seal registration, health insurance and
	 * its refunds, public housing and welfare cases, foreign residents'
	 * cards, child allowances and nurseries, tax arrears and companies,
	 * island care and fares, island councils, pensions and licences,
	 * snow and lists of those needing help, births, deaths and
	 * marriages, staff mail and chats, school aid, hometown tax gifts,
	 * care assessments and guardians, farmland and vacant houses; eight
	 * more regions), written in session 26 while its first mends were
	 * made from older files; documents at their first run at 6a6789e
	 * (the session's start) P 0.988 R 0.976; 1360, 1362, ... 1374 read
	 * for session 26's mends, 1361, 1363, ... 1375 held out */
	static const int hundred_second[] = {1360, 1361, 1362, 1363, 1364, 1365, 1366, 1367,
					     1368, 1369, 1370, 1371, 1372, 1373, 1374, 1375};
	/* a hundred-and-third set of sixteen files, the same brief (moves
	 * and holiday homes, disability handbooks, insurance tax relief and
	 * direct debits, sponsors of a ninja festival, foreign trainees,
	 * single parents' allowances and vaccinations, welfare and household
	 * budgets, council committees, nuclear evacuation lists, certificates
	 * issued anywhere, business asset tax, watching over the elderly,
	 * home adaptations for care, water supply, livestock grants, staff
	 * allowances; eight more regions), written in session 26 at
	 * 99fd4f2 (its first round's code); documents at their first run P
	 * 0.990 R 0.980; 1376, 1378, ... 1390 read for session 26's second
	 * mends, 1377, 1379, ... 1391 held out */
	static const int hundred_third[] = {1376, 1377, 1378, 1379, 1380, 1381, 1382, 1383,
					    1384, 1385, 1386, 1387, 1388, 1389, 1390, 1391};
	/* a hundred-and-fourth set of sixteen files, the same brief
	 * (Brazilian and Filipino residents, care in mountain villages,
	 * island medical transport, typhoon relief, snow and heating aid,
	 * morning-market traders, inheritance, childcare messages,
	 * fishers' grants, tax returns, people moving in and vacant houses,
	 * disability services, pension exemptions, council questions and
	 * letters to the mayor, certificates by post, food permits and dog
	 * registers; eight more regions), written in session 26 at
	 * 82ce2034, its last code; documents at their first run P 0.981 R
	 * 0.974; none read, all held out */
	static const int hundred_fourth[] = {1392, 1393, 1394, 1395, 1396, 1397, 1398, 1399,
					     1400, 1401, 1402, 1403, 1404, 1405, 1406, 1407};
	struct {
		const int *v;
		size_t n;
		unsigned gold;
		double r, p;
	} sets[] = {{older, YK_ARRAY_LEN(older), 2790, 0.95, 0.96},
		    {newer, YK_ARRAY_LEN(newer), 3420, 0.96, 0.97},
		    {fresh, YK_ARRAY_LEN(fresh), 1620, 0.95, 0.95},
		    {fifth, YK_ARRAY_LEN(fifth), 2020, 0.945, 0.96},
		    {sixth, YK_ARRAY_LEN(sixth), 1860, 0.96, 0.955},
		    {seventh, YK_ARRAY_LEN(seventh), 1550, 0.965, 0.965},
		    {eighth, YK_ARRAY_LEN(eighth), 1190, 0.96, 0.97},
		    {ninth, YK_ARRAY_LEN(ninth), 1040, 0.97, 0.975},
		    {tenth, YK_ARRAY_LEN(tenth), 1125, 0.955, 0.95},
		    {eleventh, YK_ARRAY_LEN(eleventh), 1065, 0.965, 0.965},
		    {twelfth, YK_ARRAY_LEN(twelfth), 1045, 0.97, 0.955},
		    {thirteenth, YK_ARRAY_LEN(thirteenth), 1085, 0.97, 0.965},
		    {fourteenth, YK_ARRAY_LEN(fourteenth), 1000, 0.97, 0.965},
		    {fifteenth, YK_ARRAY_LEN(fifteenth), 1015, 0.97, 0.98},
		    {sixteenth, YK_ARRAY_LEN(sixteenth), 1075, 0.96, 0.975},
		    {seventeenth, YK_ARRAY_LEN(seventeenth), 1000, 0.96, 0.955},
		    {eighteenth, YK_ARRAY_LEN(eighteenth), 1170, 0.955, 0.97},
		    {nineteenth, YK_ARRAY_LEN(nineteenth), 1205, 0.975, 0.965},
		    {twentieth, YK_ARRAY_LEN(twentieth), 1015, 0.94, 0.96},
		    {twenty_first, YK_ARRAY_LEN(twenty_first), 1070, 0.965, 0.975},
		    {twenty_second, YK_ARRAY_LEN(twenty_second), 1115, 0.965, 0.975},
		    {twenty_third, YK_ARRAY_LEN(twenty_third), 1000, 0.96, 0.975},
		    {twenty_fourth, YK_ARRAY_LEN(twenty_fourth), 1475, 0.985, 0.985},
		    {twenty_fifth, YK_ARRAY_LEN(twenty_fifth), 1340, 0.975, 0.975},
		    {twenty_sixth, YK_ARRAY_LEN(twenty_sixth), 1540, 0.965, 0.96},
		    {twenty_seventh, YK_ARRAY_LEN(twenty_seventh), 1490, 0.965, 0.97},
		    {twenty_eighth, YK_ARRAY_LEN(twenty_eighth), 1425, 0.96, 0.97},
		    {twenty_ninth, YK_ARRAY_LEN(twenty_ninth), 1155, 0.95, 0.96},
		    {thirtieth, YK_ARRAY_LEN(thirtieth), 1365, 0.97, 0.965},
		    {thirty_first, YK_ARRAY_LEN(thirty_first), 1510, 0.96, 0.97},
		    {thirty_second, YK_ARRAY_LEN(thirty_second), 1390, 0.955, 0.975},
		    {thirty_third, YK_ARRAY_LEN(thirty_third), 1360, 0.97, 0.985},
		    {thirty_fourth, YK_ARRAY_LEN(thirty_fourth), 1305, 0.975, 0.98},
		    {thirty_fifth, YK_ARRAY_LEN(thirty_fifth), 1330, 0.99, 0.98},
		    {thirty_sixth, YK_ARRAY_LEN(thirty_sixth), 1400, 0.975, 0.98},
		    {thirty_seventh, YK_ARRAY_LEN(thirty_seventh), 1395, 0.975, 0.975},
		    {thirty_eighth, YK_ARRAY_LEN(thirty_eighth), 1300, 0.975, 0.975},
		    {thirty_ninth, YK_ARRAY_LEN(thirty_ninth), 1435, 0.965, 0.975},
		    {fortieth, YK_ARRAY_LEN(fortieth), 1380, 0.97, 0.965},
		    {forty_first, YK_ARRAY_LEN(forty_first), 1415, 0.97, 0.97},
		    {forty_second, YK_ARRAY_LEN(forty_second), 1520, 0.965, 0.975},
		    {forty_third, YK_ARRAY_LEN(forty_third), 2270, 0.955, 0.965},
		    {forty_fourth, YK_ARRAY_LEN(forty_fourth), 1115, 0.915, 0.96},
		    {forty_fifth, YK_ARRAY_LEN(forty_fifth), 1390, 0.955, 0.96},
		    {forty_sixth, YK_ARRAY_LEN(forty_sixth), 1200, 0.975, 0.96},
		    {forty_seventh, YK_ARRAY_LEN(forty_seventh), 1190, 0.955, 0.965},
		    {forty_eighth, YK_ARRAY_LEN(forty_eighth), 1275, 0.955, 0.965},
		    {forty_ninth, YK_ARRAY_LEN(forty_ninth), 1135, 0.96, 0.95},
		    {fiftieth, YK_ARRAY_LEN(fiftieth), 2820, 0.975, 0.97},
		    {fifty_first, YK_ARRAY_LEN(fifty_first), 2855, 0.97, 0.97},
		    {fifty_second, YK_ARRAY_LEN(fifty_second), 2890, 0.98, 0.97},
		    {fifty_third, YK_ARRAY_LEN(fifty_third), 2905, 0.97, 0.96},
		    {fifty_fourth, YK_ARRAY_LEN(fifty_fourth), 2715, 0.96, 0.95},
		    {fifty_fifth, YK_ARRAY_LEN(fifty_fifth), 2870, 0.975, 0.965},
		    {fifty_sixth, YK_ARRAY_LEN(fifty_sixth), 2940, 0.96, 0.96},
		    {fifty_seventh, YK_ARRAY_LEN(fifty_seventh), 1400, 0.965, 0.955},
		    {fifty_eighth, YK_ARRAY_LEN(fifty_eighth), 3000, 0.96, 0.965},
		    {fifty_ninth, YK_ARRAY_LEN(fifty_ninth), 1480, 0.955, 0.955},
		    {sixtieth, YK_ARRAY_LEN(sixtieth), 1600, 0.97, 0.975},
		    {sixty_first, YK_ARRAY_LEN(sixty_first), 2950, 0.96, 0.955},
		    {sixty_second, YK_ARRAY_LEN(sixty_second), 2620, 0.96, 0.96},
		    {sixty_third, YK_ARRAY_LEN(sixty_third), 2560, 0.97, 0.955},
		    {sixty_fourth, YK_ARRAY_LEN(sixty_fourth), 2890, 0.97, 0.95},
		    {sixty_fifth, YK_ARRAY_LEN(sixty_fifth), 2960, 0.97, 0.97},
		    {sixty_sixth, YK_ARRAY_LEN(sixty_sixth), 3010, 0.97, 0.965},
		    {sixty_seventh, YK_ARRAY_LEN(sixty_seventh), 2810, 0.955, 0.965},
		    {sixty_eighth, YK_ARRAY_LEN(sixty_eighth), 2380, 0.955, 0.975},
		    {sixty_ninth, YK_ARRAY_LEN(sixty_ninth), 2440, 0.95, 0.96},
		    {seventieth, YK_ARRAY_LEN(seventieth), 2520, 0.955, 0.955},
		    {seventy_first, YK_ARRAY_LEN(seventy_first), 2450, 0.945, 0.965},
		    {seventy_second, YK_ARRAY_LEN(seventy_second), 2640, 0.94, 0.965},
		    {seventy_third, YK_ARRAY_LEN(seventy_third), 2550, 0.94, 0.97},
		    {seventy_fourth, YK_ARRAY_LEN(seventy_fourth), 2570, 0.94, 0.96},
		    {seventy_fifth, YK_ARRAY_LEN(seventy_fifth), 2480, 0.955, 0.97},
		    {seventy_sixth, YK_ARRAY_LEN(seventy_sixth), 2560, 0.945, 0.975},
		    {seventy_seventh, YK_ARRAY_LEN(seventy_seventh), 2490, 0.95, 0.96},
		    {seventy_eighth, YK_ARRAY_LEN(seventy_eighth), 2860, 0.94, 0.97},
		    {seventy_ninth, YK_ARRAY_LEN(seventy_ninth), 2820, 0.95, 0.97},
		    {eightieth, YK_ARRAY_LEN(eightieth), 2660, 0.94, 0.975},
		    {eighty_first, YK_ARRAY_LEN(eighty_first), 2820, 0.95, 0.97},
		    {eighty_second, YK_ARRAY_LEN(eighty_second), 2660, 0.955, 0.965},
		    {eighty_third, YK_ARRAY_LEN(eighty_third), 2670, 0.95, 0.97},
		    {eighty_fourth, YK_ARRAY_LEN(eighty_fourth), 2860, 0.95, 0.96},
		    {eighty_fifth, YK_ARRAY_LEN(eighty_fifth), 2530, 0.945, 0.965},
		    {eighty_sixth, YK_ARRAY_LEN(eighty_sixth), 2735, 0.965, 0.965},
		    {eighty_seventh, YK_ARRAY_LEN(eighty_seventh), 2595, 0.955, 0.965},
		    {eighty_eighth, YK_ARRAY_LEN(eighty_eighth), 2595, 0.95, 0.955},
		    {eighty_ninth, YK_ARRAY_LEN(eighty_ninth), 2420, 0.95, 0.965},
		    {ninetieth, YK_ARRAY_LEN(ninetieth), 2535, 0.945, 0.965},
		    {ninety_first, YK_ARRAY_LEN(ninety_first), 2300, 0.97, 0.975},
		    {ninety_second, YK_ARRAY_LEN(ninety_second), 2150, 0.975, 0.98},
		    {ninety_third, YK_ARRAY_LEN(ninety_third), 2350, 0.97, 0.985},
		    {ninety_fourth, YK_ARRAY_LEN(ninety_fourth), 2250, 0.96, 0.985},
		    {ninety_fifth, YK_ARRAY_LEN(ninety_fifth), 2295, 0.965, 0.98},
		    {ninety_sixth, YK_ARRAY_LEN(ninety_sixth), 2175, 0.96, 0.985},
		    {ninety_seventh, YK_ARRAY_LEN(ninety_seventh), 2370, 0.97, 0.975},
		    {ninety_eighth, YK_ARRAY_LEN(ninety_eighth), 2300, 0.97, 0.975},
		    {ninety_ninth, YK_ARRAY_LEN(ninety_ninth), 2205, 0.965, 0.975},
		    {hundredth, YK_ARRAY_LEN(hundredth), 2365, 0.97, 0.975},
		    {hundred_first, YK_ARRAY_LEN(hundred_first), 2300, 0.975, 0.98},
		    {hundred_second, YK_ARRAY_LEN(hundred_second), 2200, 0.98, 0.985},
		    {hundred_third, YK_ARRAY_LEN(hundred_third), 2290, 0.98, 0.985},
		    {hundred_fourth, YK_ARRAY_LEN(hundred_fourth), 2180, 0.97, 0.975}};
	for (size_t k = 0; k < YK_ARRAY_LEN(sets); k++) {
		unsigned tp = 0, fp = 0, fn = 0;
		for (size_t f = 0; f < sets[k].n; f++) {
			char path[64];
			blind_path(path, sizeof(path), sets[k].v[f]);
			run_document(sc, path, &tp, &fp, &fn);
		}
		double r = (double)tp / (tp + fn), p = (double)tp / (tp + fp);
		fprintf(stderr, "  documents of held-out %d-%d: %u gold spans, recall %.3f, precision %.3f\n",
			sets[k].v[0], sets[k].v[sets[k].n - 1], tp + fn, r, p);
		CHECK(tp + fn >= sets[k].gold);
		CHECK(r >= sets[k].r);
		CHECK(p >= sets[k].p);
	}
}

/* A probe line of our own for a rule: the span of type it must give (want,
 * its exact text), or NULL where no span of the type may be found (a
 * look-alike the rule must leave). */
struct probe {
	const char *text;
	enum pii_type type;
	const char *want;
};

/* How many of the n probes fail, each named on stderr; 0 when all hold. */
static size_t probes_failing(struct pii_scanner *sc, const struct probe *p, size_t n)
{
	size_t failing = 0;
	for (size_t k = 0; k < n; k++) {
		const char *s = p[k].text, *want = p[k].want;
		const struct pii_span *sp;
		size_t ns = 0, typed = 0;
		int found = 0;
		if (pii_scan(sc, s, strlen(s), &sp, &ns) != 0)
			ns = 0, typed = 1; /* a scan that fails holds no probe */
		for (size_t i = 0; i < ns; i++) {
			if (sp[i].type != p[k].type)
				continue;
			typed++;
			found |= want && sp[i].byte_end - sp[i].byte_start == strlen(want) &&
				 memcmp(s + sp[i].byte_start, want, strlen(want)) == 0;
		}
		if (want ? !found : typed != 0) {
			fprintf(stderr, "  probe %zu: %s\n", k, s);
			failing++;
		}
	}
	return failing;
}

/* The places, phones, dates and card parts of the twenty-fourth set's misses
 * (blind batches 346-353), each rule on probes of other names and towns:
 * want is the span's exact text, or NULL where no span of the type may
 * be found (look-alikes). */
TEST(twenty_fourth_set_places)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const struct probe probes[] = {
		/* （代表者携帯）: the representative's phone; （代表） the office's */
		{"担当者連絡先：080-5521-3907（代表者携帯）", PII_PHONE, "080-5521-3907"},
		{"連絡先：0155-22-4100（代表）", PII_PHONE, NULL},
		/* a children's hall after a club's address */
		{"みどり児童クラブ,砂川台市緑町二丁目8番地（緑町児童館内）,0125-54-2231,平日",
		 PII_ADDRESS, NULL},
		/* 物件所在地: an owner's house */
		{"物件所在地：大森町大字川口128番地", PII_ADDRESS, "大森町大字川口128番地"},
		/* a house's 所在地 column in a row naming its person; a unit's
		 * 所在地 in a table naming none; a 地番 column */
		{"受付番号\t申請者\t被災家屋の所在地\t判定\nA-12\t宮城 恵子\t川口230\t半壊",
		 PII_ADDRESS, "川口230"},
		{"班,人数,詰所所在地\n第1班,12,砂川台市本町2丁目3番地\n第2班,9,砂川台市緑町8番地",
		 PII_ADDRESS, NULL},
		{"番号,借り手,借り手住所,地番,面積（10a）\n3,北村 誠,大森町川口55,川口字上原120,12",
		 PII_ADDRESS, "大森町川口55"},
		/* a hamlet's lot beside its person */
		{"相談者：宮城 恵子さん（川口230、0982-33-1204）から電話。", PII_ADDRESS, "川口230"},
		{"台風で自宅（上原17-2）が浸水した。", PII_ADDRESS, "上原17-2"},
		{"避難者名簿\n1 北村 ミネ 87歳 川口55 杖使用\n2 宮城 トヨ 90歳 上原3-4", PII_ADDRESS,
		 "川口55"},
		{"上原17-2の北村 誠さん来庁。", PII_ADDRESS, "上原17-2"},
		{"宮城 恵子さん（内線312）から電話。", PII_ADDRESS, NULL},
		{"北村 ミネさん（要介護3）の件。", PII_ADDRESS, NULL},
		{"山田 花子さん（会議室12）で面談。", PII_ADDRESS, NULL},
		/* a label in a sentence gives way to the municipality */
		{"登録住所が旧住所の北見野市本町三丁目2番1号のままだった。", PII_ADDRESS,
		 "北見野市本町三丁目2番1号"},
		/* a facility's or an estate's name with kana inside, then a room */
		{"送付先を帯広野市西町12丁目3番地 グループホームさくらんぼ館 105号室に変更", PII_ADDRESS,
		 "帯広野市西町12丁目3番地 グループホームさくらんぼ館 105号室"},
		{"住所：大森町川口3丁目2-5 町営住宅ひばり団地C棟21号", PII_ADDRESS,
		 "大森町川口3丁目2-5 町営住宅ひばり団地C棟21号"},
		{"住所は大森町本町1番2号 市営住宅のとなりです。", PII_ADDRESS, "大森町本町1番2号"},
		{"住所は会社寮の北見野市本町5番地 本町寮12号室です。", PII_ADDRESS,
		 "北見野市本町5番地 本町寮12号室"},
		{"本籍は港4丁目12番地に置く。", PII_ADDRESS, "港4丁目12番地"},
		/* a postal code in brackets after its address */
		{"住所：北見野市本町三丁目2番1号（090-0021）", PII_POSTAL_CODE, "090-0021"},
		/* a corrected birth date; a person's date before a numbered paper */
		{"生年月日の誤りを訂正（正しくは 1975年6月2日）。", PII_DATE_OF_BIRTH, "1975年6月2日"},
		{"申請日の誤りを訂正（正しくは 2026年6月2日）。", PII_DATE_OF_BIRTH, NULL},
		{"北村 ミネさん（昭和12年5月3日、被保険者番号0012345678）が入所。", PII_DATE_OF_BIRTH,
		 "昭和12年5月3日"},
		{"北村 ミネさん（令和8年5月3日、個人番号カード交付）が来庁。", PII_DATE_OF_BIRTH, NULL},
		/* 枝番 listed with their members */
		{"記号：4102 番号：22871\n枝番：01（世帯主）、02（長女）", PII_JP_HEALTH_INSURANCE, "02"},
	};
	CHECK_INT(probes_failing(sc, probes, YK_ARRAY_LEN(probes)), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

static int has_span(struct pii_scanner *sc, const char *s, enum pii_type ty, const char *want);
static size_t count_of(struct pii_scanner *sc, const char *s, enum pii_type ty);

/* The names of batches 346-353 (the twenty-fourth set), by probes of our
 * own: other names, other towns, and the look-alikes each rule leaves. */
TEST(twenty_fourth_set_names)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	/* a one-kanji surname before a spaced given name: at a line's start,
	 * after a colon, a relation or の; a title glued to the given name */
	CHECK(has_span(sc, "窓口メモ\n関 美代子さん（本町3-2）来所。", PII_PERSON, "関 美代子"));
	CHECK(has_span(sc, "届出人：森 勝利\n住所：港区", PII_PERSON, "森 勝利"));
	CHECK(has_span(sc, "相続人は次女の堀 真知子さん（高松市）", PII_PERSON, "堀 真知子"));
	CHECK(has_span(sc, "○7番（林 義男議員） 防災について伺います。", PII_PERSON, "林 義男"));
	CHECK(has_span(sc, "3番（辻 正雄委員） 現地を確認しました。", PII_PERSON, "辻 正雄"));
	CHECK(has_span(sc, "畑は父林 義男名義のままです", PII_PERSON, "林 義男"));
	/* 子 and 児 label the name after them; a relation alone is no surname */
	CHECK(has_span(sc, "対象：児 陽翔（2026年3月1日生）", PII_PERSON, "陽翔"));
	CHECK(!has_span(sc, "対象：児 陽翔（2026年3月1日生）", PII_PERSON, "児 陽翔"));
	/* a staff member's surname in brackets after a unit, 担当 or 私 */
	CHECK(has_span(sc, "手続きは高齢介護課（中島）へ引き継ぎ済み。", PII_PERSON, "中島"));
	CHECK(has_span(sc, "ご不明な点は担当の私（吉岡）まで。", PII_PERSON, "吉岡"));
	CHECK_INT(count_of(sc, "不明点は市民課（本庁舎）まで。", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "泉教室\t水\t22\n石巻教室（出張）\t土\t31", PII_PERSON), 0);
	/* a surname before a bracket with its extension or mobile; not a
	 * unit's, not an address's end */
	CHECK(has_span(sc, "急ぎの場合は北村（携帯 080-2231-5567）へ。", PII_PERSON, "北村"));
	CHECK_INT(count_of(sc, "市民課（内線2231）まで", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "空野市本町1丁目1番地（電話0476-35-1135）", PII_PERSON), 0);
	CHECK(has_span(sc, "・申請書一式\n福祉課 宇佐美　携帯 090-7712-3349", PII_PERSON, "宇佐美"));
	/* a chat whose speaker the text names elsewhere */
	static const char chat[] = "[窓口チャット]\n通訳のRosalindaさんから：「Salamat po.」\n"
				   "長谷部：ご案内ありがとうございます。\nRosalinda：Opo.";
	CHECK(has_span(sc, chat, PII_PERSON, "長谷部"));
	CHECK_INT(count_of(sc, chat, PII_PERSON), 3);
	/* a courtesy title before a Latin name */
	CHECK(has_span(sc, "通訳：O senhor Ricardo perguntou se pode pagar.", PII_PERSON, "Ricardo"));
	CHECK(!has_span(sc, "通訳：O senhor Ricardo perguntou se pode pagar.", PII_PERSON,
			"senhor Ricardo"));
	/* ママ before さん: the parent's name without it; a club's name none */
	CHECK(has_span(sc, "鈴木ママさんから電話", PII_PERSON, "鈴木"));
	CHECK_INT(count_of(sc, "練習場所：港北パパさんチームの練習日", PII_PERSON), 0);
	/* a group's representative or chair introducing themself */
	CHECK(has_span(sc, "港町自治会長の村井です。ごみの件で", PII_PERSON, "村井"));
	CHECK_INT(count_of(sc, "部長の判断です。", PII_PERSON), 0);
	/* a role in capitals in brackets; a day; a placeholder entry */
	CHECK(!has_span(sc, "記録者：小川 透（CW）", PII_PERSON, "CW"));
	CHECK_INT(count_of(sc, "連絡先 090-1111-2222。土日は出られません。", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "1人当たりの担当世帯数が多い。", PII_PERSON), 0);
	/* a unit's word of two parts, a type, a firm, a mayor over a notice */
	CHECK_INT(count_of(sc, "議題：料金改定\n上下水道部長：改定率は8%です。", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "利用者：就労継続支援A型 あおば作業所に通所", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "路線\t工区\t施工\n町道北線\t第2工区\t北原重機", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "関係者 各位\n港北市長\n説明会の開催について", PII_PERSON), 0);
	CHECK(has_span(sc, "本日、田中市長が出席した。", PII_PERSON, "田中"));
	/* an attendance list's surname, unit and title written together */
	CHECK(has_span(sc, "出席：吉川福祉部長、介護保険課 今村", PII_PERSON, "吉川"));
	CHECK_INT(count_of(sc, "出席：保健師（3名）、助産師会代表、港島診療所長", PII_PERSON), 0);
	/* katakana and 子; one kana ending a field; parts joined by ・ */
	CHECK(has_span(sc, "被保険者 岩崎 ハル子様（昭和9年）", PII_PERSON, "岩崎 ハル子"));
	CHECK(has_span(sc, "口座名義（カナ）：ﾜﾝ ｲ\n", PII_PERSON, "ﾜﾝ ｲ"));
	CHECK(has_span(sc, "受給者：アナ・ソウザ・林\n電話：", PII_PERSON, "アナ・ソウザ・林"));
	/* a resident introducing themself by their address */
	CHECK(has_span(sc, "宮前町2丁目4番6号のハリスです。道路の件で", PII_PERSON, "ハリス"));
	CHECK_INT(count_of(sc, "本町1丁目1番地のマンションです。", PII_PERSON), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The places, accounts, dates and passports of the twenty-fifth set's
 * misses (blind batches 354-361), each rule on probes of other names and
 * towns: want is the span's exact text, or NULL where no span of the type
 * may be found (look-alikes). */
TEST(twenty_fifth_set_places)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const struct probe probes[] = {
		/* an estate's name with の inside; a lettered building */
		{"【通知】緑の丘団地2号棟304号室の佐々木 花子様から電話。", PII_ADDRESS,
		 "緑の丘団地2号棟304号室"},
		{"住戸,世帯主\n星の里団地1号棟110号室,森 一郎", PII_ADDRESS, "星の里団地1号棟110号室"},
		{"住戸：桜台団地B棟112号室", PII_ADDRESS, "桜台団地B棟112号室"},
		{"緑の丘団地 120戸のうち空き8戸", PII_ADDRESS, NULL},
		{"桜台団地A棟の集会所で説明会", PII_ADDRESS, NULL},
		/* a town in kana before its 丁目 in kanji numerals */
		{"住所：福島市たかはた二丁目3番8号", PII_ADDRESS, "福島市たかはた二丁目3番8号"},
		/* Drive abbreviated; a country's code before a sentence's end */
		{"返送先：88 Lake Shore Dr, Apt 2C, Madison, WI 53703, USA", PII_ADDRESS,
		 "88 Lake Shore Dr, Apt 2C, Madison, WI 53703, USA"},
		{"Please send it to 12 Pine Ridge Dr, Austin, TX 78701, USA. Thank you.", PII_ADDRESS,
		 "12 Pine Ridge Dr, Austin, TX 78701, USA"},
		/* a 所在地 under a header naming a house: the owner's address */
		{"納税者,所在地,家屋番号,評価額\n森本 優子,左京区北白川上終町12,12番,3200000", PII_ADDRESS,
		 "左京区北白川上終町12"},
		{"班,人数,詰所所在地\n第1班,12,砂川台市本町2丁目3番地", PII_ADDRESS, NULL},
		/* dates in the formal numerals of an old register */
		{"長女 花子 昭和拾参年壱月弐拾日生", PII_DATE_OF_BIRTH, "昭和拾参年壱月弐拾日"},
		{"昭和参拾年婚姻ニ因リ除籍", PII_DATE_OF_BIRTH, NULL},
		/* a birth named as the reference of a deadline */
		{"届出日：2026年3月2日（出生の日から14日以内）", PII_DATE_OF_BIRTH, NULL},
		{"2026年3月2日に市内の病院で出生した。", PII_DATE_OF_BIRTH, "2026年3月2日"},
		/* a passport opening with two digits and two letters */
		{"旅券番号 18KC52907 を確認", PII_PASSPORT, "18KC52907"},
		{"受付番号 18KC52907 を確認", PII_PASSPORT, NULL},
		/* ゆうちょ's 記号 and 番号 in a row's cells */
		{"山本 健,5000,ゆうちょ銀行,17420,38815521,済", PII_JP_BANK_ACCOUNT,
		 "ゆうちょ銀行,17420,38815521"},
		{"金融機関,件数,構成比\nゆうちょ銀行,3306,30.3%", PII_JP_BANK_ACCOUNT, NULL},
		/* an amount's cell before a bank's cells is no bank code */
		{"R1,田中 一郎,4200,みどり銀行,本町支店,普通,1234567", PII_JP_BANK_ACCOUNT,
		 "みどり銀行,本町支店,普通,1234567"},
		/* a birth's row in a register of notifications; a death's */
		{"2025-1101-003,出生,森 陽菜,2025-10-30,本町2丁目3番4号,受理", PII_DATE_OF_BIRTH,
		 "2025-10-30"},
		{"2025-1101-004,死亡,森 一郎,2025-10-30,本町2丁目3番4号,受理", PII_DATE_OF_BIRTH, NULL},
		/* an English reply signed by a unit and its city */
		{"Please pay by the due date. Welfare Division, Minato City, TEL 03-3578-2114",
		 PII_PHONE, NULL},
		/* a company's head office as a field; a bank's 本店営業部 */
		{"法人名：株式会社港北設備\n本店：港北市本町三丁目4番2号\n代表取締役：森 一郎", PII_ADDRESS,
		 NULL},
		{"振込先：みどり銀行 本店営業部 普通 5104927、電話043-301-2284", PII_PHONE,
		 "043-301-2284"},
		/* the 直通 line of a writer who named themself; a unit's */
		{"件名：転入について\n市民課 御中\n株式会社港北物産 総務部の森 一郎です。寮の件で伺います。\n"
		 "直通 045-331-2290",
		 PII_PHONE, "045-331-2290"},
		{"市民課です。書類は窓口へ。\n直通 045-331-2290", PII_PHONE, NULL},
		/* a Japanese lot of three numbers in Latin letters, its town
		 * after or before it and its municipality; a phone and a date
		 * are no lot */
		{"Hi, we will move to 2-5-11 Midorigaoka, Kamakura on May 1.", PII_ADDRESS,
		 "2-5-11 Midorigaoka, Kamakura"},
		{"My address is Hibarigaoka 3-8-2, Zushi, and my phone is below.", PII_ADDRESS,
		 "Hibarigaoka 3-8-2, Zushi"},
		{"Please call 046-821-1213, Kamakura office.", PII_ADDRESS, NULL},
		{"On 2024-03-05, Kamakura held the festival.", PII_ADDRESS, NULL},
		/* a headerless list of organisations, one with no office word;
		 * a person's row among them keeps its contacts */
		{"みどり米穀店\t港北区本町2丁目5\t045-331-2290\t協定 R3\n"
		 "株式会社港北ガス 本町営業所\t港北区緑町8\t045-331-7788\t協定 R4\n"
		 "港北生協センター\t港北区港町3\t045-331-9901\t協定 R5",
		 PII_PHONE, NULL},
		{"森 一郎\t港北区本町2丁目5\t045-331-2290\t協定 R3\n"
		 "株式会社港北ガス 本町営業所\t港北区緑町8\t045-331-7788\t協定 R4\n"
		 "港北生協センター\t港北区港町3\t045-331-9901\t協定 R5",
		 PII_PHONE, "045-331-2290"},
		/* a municipal facility's landline in brackets; a tenant's of a
		 * municipal estate */
		{"火葬の予約は斎場へ（港北市営みどり斎場 045-331-2290）。", PII_PHONE, NULL},
		{"連絡先は母の自宅（港北市営住宅 045-331-2290）です。", PII_PHONE, "045-331-2290"},
		/* a dormitory's name after the lot, then です */
		{"寮の住所は港北市本町5番地 港北寮です。", PII_ADDRESS, "港北市本町5番地 港北寮"},
		/* a birth-date column down rows of one cell more or less */
		{"R1,森 陽菜,2019/04/02,みどり病院,2025/05/14,3,3860,みどり銀行,本町支店,普通,1234567\n"
		 "R2,森 海斗,2017/08/30,港病院,2025/05/20,1,1240,ゆうちょ銀行,15130,21459871",
		 PII_DATE_OF_BIRTH, "2017/08/30"},
	};
	CHECK_INT(probes_failing(sc, probes, YK_ARRAY_LEN(probes)), 0);
	/* a row whose name cell holds a comma: the date after its birth
	 * date is the next column's (交付日) */
	CHECK(!has_span(sc,
			"番号,氏名,生年月日,交付日\n0078,Cabrera, Jonathan,1983/01/19,2025/12/02\n"
			"0079,森 一郎,1976/09/08,2025/12/02",
			PII_DATE_OF_BIRTH, "2025/12/02"));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The names of batches 354-361 (the twenty-fifth set), by probes of our
 * own: other names, other towns, and the look-alikes each rule leaves. */
TEST(twenty_fifth_set_names)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	/* a katakana family name before a Japanese given name */
	CHECK(has_span(sc, "子：シュミット 結衣　令和3年5月2日生", PII_PERSON, "シュミット 結衣"));
	CHECK(has_span(sc, "○マルティネス 健一委員　ただいまの答弁について", PII_PERSON,
		       "マルティネス 健一"));
	CHECK(has_span(sc, "通訳はロドリゲス 優子さんにお願いしました。", PII_PERSON,
		       "ロドリゲス 優子"));
	CHECK(has_span(sc, "連絡先（次女 フィッシャー 明美）：090-1234-5678", PII_PERSON,
		       "フィッシャー 明美"));
	CHECK(!has_span(sc, "ボランティア 彩さんと一緒に作業した。", PII_PERSON, "ボランティア 彩"));
	CHECK(!has_span(sc, "日本語ボランティア 恵子さんが担当。", PII_PERSON, "ボランティア 恵子"));
	CHECK(!has_span(sc, "デイサービス 花子さんの送迎", PII_PERSON, "デイサービス 花子"));
	CHECK(!has_span(sc, "子ども総合センター 森田が対応", PII_PERSON, "センター 森田"));
	/* a reading in brackets: its label, a hiragana reading of a family
	 * name in katakana */
	CHECK(has_span(sc, "子：ターナー 陸（たーなー りく）\n出生：2026年1月2日", PII_PERSON,
		       "たーなー りく"));
	CHECK(has_span(sc, "子の氏名：オコナー 蓮（よみかた：おこなー れん）", PII_PERSON,
		       "おこなー れん"));
	/* a member's introduction after an office named by a brand in kana */
	CHECK(has_span(sc, "訪問看護ステーションあおばの中川です。先日の件で", PII_PERSON, "中川"));
	CHECK(has_span(sc, "有限会社やまびこ運輸の石井です。請求書を送ります。", PII_PERSON, "石井"));
	CHECK_INT(count_of(sc, "株式会社あおぞらの予定です。", PII_PERSON), 0);
	/* a US town and its state before the ZIP code */
	CHECK_INT(count_of(sc, "送付先：77 Lake St, Apt 2, Portland, OR 97205, USA", PII_PERSON), 0);
	/* a line of spaced hiragana; an honorific keeps a name */
	CHECK_INT(count_of(sc, "やさしい にほんご：ごみ は あさ 8じ までに だして ください。あさって "
			       "くる ひと は まどぐち へ。",
			   PII_PERSON),
		  0);
	CHECK(has_span(sc, "受付：みやざき ゆうと（小学3年）の保護者から電話。", PII_PERSON,
		       "みやざき ゆうと"));
	/* a field word after a name; a katakana name with a full-width comma */
	CHECK(has_span(sc, "氏名：クラーク 美穂　旧氏：山本\n個人番号：", PII_PERSON, "クラーク 美穂"));
	CHECK(has_span(sc, "【配偶者氏名】オブライエン，パトリック　ショーン\n【配偶者の国籍】アイルランド",
		       PII_PERSON, "オブライエン，パトリック　ショーン"));
	CHECK(!has_span(sc, "氏名,国籍\nスミス,ジョン\n", PII_PERSON, "スミス,ジョン"));
	/* a full name with a katakana family name, written again */
	CHECK_INT(count_of(sc, "世帯：COOPER, MARK、クーパー 沙織（旧姓 上田）\n転出予定日：2027年2月1日\n"
			       "クーパー 沙織さんのマイナンバーカードは継続利用。",
			   PII_PERSON),
		  4);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The places, cards and accounts of batches 370-373 (the twenty-seventh
 * set), by probes of our own: other towns, other names, and the
 * look-alikes each rule leaves. */
TEST(twenty_seventh_set_places)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const struct probe probes[] = {
		/* a temporary-housing estate's unit: a lettered building and
		 * a unit of one or two digits; the town and hamlet before it */
		{"入居住戸：川内町字中野 中野第3団地C棟4号\n世帯主：大川 一夫", PII_ADDRESS,
		 "川内町字中野 中野第3団地C棟4号"},
		{"訪問先：桜川団地D棟11号 森田 キヨ様（90歳）", PII_ADDRESS, "桜川団地D棟11号"},
		{"西村 節子さん（港第2団地B棟6号）から相談がありました。", PII_ADDRESS,
		 "港第2団地B棟6号"},
		/* A-3 and 3号 as a whole item: a cell, a label's value */
		{"港第2団地B-2\t西村 節子\t1944/02/11\t独居", PII_ADDRESS, "港第2団地B-2"},
		{"現住所：桜川団地5号\n電話：0299-12-3456", PII_ADDRESS, "桜川団地5号"},
		/* へ or ほ typed for the iroha's kana between a hamlet and 番地 */
		{"旧住所：川内町字中野へ31番地\n新住所：", PII_ADDRESS, "川内町字中野へ31番地"},
		{"本籍：川内町字中野ほ18番地", PII_ADDRESS, "川内町字中野ほ18番地"},
		/* a hamlet's lot in 番地 in brackets after 自宅 */
		{"自宅（宮原214番地3）が浸水。", PII_ADDRESS, "宮原214番地3"},
		/* a 所在地 under the household's 世帯主 line */
		{"世帯主：大川 一夫\n所在地：川内町大字中野77番地\n構造：木造", PII_ADDRESS,
		 "川内町大字中野77番地"},
		/* の inside a bank's name of one kanji on each side */
		{"振込先：杜の都信用金庫 本店 普通 1234567", PII_JP_BANK_ACCOUNT,
		 "杜の都信用金庫 本店 普通 1234567"},
		/* a headerless row: symbol word, number, 枝番, the holder */
		{"北浜\t204417\t01\t山口 真一\t1980/04/02\n北浜\t204417\t02\t山口 恵\t1982/11/30",
		 PII_JP_HEALTH_INSURANCE, "北浜"},
		/* a lone 枝番 shortly after the card's values */
		{"国民健康保険 資格確認書 再交付の記録（令和8年12月）\n世帯主：大川 一夫\n"
		 "保険者番号：123456\n記号：川中 番号：40712\n対象者：大川 一夫（枝番 01）、"
		 "大川 洋子（妻、枝番 02、昭和50年1月2日生）",
		 PII_JP_HEALTH_INSURANCE, "02"},
	};
	CHECK_INT(probes_failing(sc, probes, YK_ARRAY_LEN(probes)), 0);
	/* look-alikes: an estate's wings, an industrial estate's lot, a
	 * park or a road numbered after an estate, a particle after a
	 * hamlet, a possessive before a bank, a company's 所在地, a row of
	 * counts, an office's address before its hours */
	CHECK_INT(count_of(sc, "港第2団地は3号棟まであります。", PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, "工業団地A-3区画の分譲について", PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, "流通団地C棟2号倉庫の火災", PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, "桜川団地 12号公園の清掃", PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, "見守り対象：桜川団地5号線沿い", PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, "川内町字中野へ行く予定です。", PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, "会議室（本館3番地）", PII_ADDRESS), 0);
	CHECK(has_span(sc, "母の静岡銀行 本店 普通 1234567", PII_JP_BANK_ACCOUNT,
		       "静岡銀行 本店 普通 1234567"));
	CHECK_INT(count_of(sc, "事業者：川内商事株式会社\n所在地：川内町大字中野77番地\n電話：0299-12-3456",
			   PII_ADDRESS),
		  0);
	CHECK_INT(count_of(sc, "中野\t120\t03\t集会所\t2025/12/01", PII_JP_HEALTH_INSURANCE), 0);
	CHECK_INT(count_of(sc, "地址：福岡縣糟屋郡川内町大字中野100番地　電話：092-111-2222（平日8:30～17:15）",
			   PII_ADDRESS),
		  0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Names from the misses of blind batches 370-373, on probe lines of other
 * names and towns, with the look-alikes each rule must leave. */
TEST(twenty_seventh_set_names)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	/* a care home's or a lodging's name is no person's */
	CHECK_INT(count_of(sc, "白樺荘さんから電話がありました", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "特養 松風苑のショートステイ緊急利用を調整", PII_PERSON), 0);
	CHECK(has_span(sc, "寮生の田中さんから電話", PII_PERSON, "田中"));
	/* traditional forms of Chinese surnames before an honorific */
	CHECK(has_span(sc, "日本語指導員の黃先生は火曜です。", PII_PERSON, "黃"));
	CHECK(has_span(sc, "通訳の吳先生が同席", PII_PERSON, "吳"));
	CHECK_INT(count_of(sc, "王様の耳はロバの耳", PII_PERSON), 0);
	/* speakers after their unit in square brackets */
	static const char units[] = "[市民課 窓口] 佐々木：転入届を受理しました\n[福祉課] 大島：了解です";
	CHECK(has_span(sc, units, PII_PERSON, "佐々木"));
	CHECK(has_span(sc, units, PII_PERSON, "大島"));
	CHECK_INT(count_of(sc, "[お知らせ] 日時：7月1日\n[会場] 本庁：2階", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "[議題1] 予算：説明\n[議題2] 決算：報告", PII_PERSON), 0);
	/* social workers before の */
	CHECK(has_span(sc, "方針：SSWの宮里が週1回訪問する。", PII_PERSON, "宮里"));
	CHECK_INT(count_of(sc, "SSWの方が来校", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "SSWの派遣について", PII_PERSON), 0);
	/* a phone's holder before 携帯 or 自宅 in the bracket after it */
	CHECK(has_span(sc, "連絡先：090-3345-8812（北条携帯）", PII_PERSON, "北条"));
	CHECK(has_span(sc, "連絡先：0768-52-1234（宮下自宅）", PII_PERSON, "宮下"));
	CHECK_INT(count_of(sc, "連絡先：090-1234-5678（本人携帯）", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "連絡先：090-1234-5678（会社携帯）", PII_PERSON), 0);
	/* a resident's words quoted in a request, a place before the surname */
	CHECK(has_span(sc, "次の要望を要約して。\n「北浦の岩永です。先月の大雨で床下浸水しました」",
		       PII_PERSON, "岩永"));
	CHECK_INT(count_of(sc, "「今年の目標です。」", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "「前回の続きです。」", PII_PERSON), 0);
	/* a Chinese or Korean full name introducing itself after a clause */
	CHECK(has_span(sc, "韓国から来日した朴 明淑です。", PII_PERSON, "朴 明淑"));
	CHECK(has_span(sc, "大連から転入した王 小明です。", PII_PERSON, "王 小明"));
	CHECK_INT(count_of(sc, "こうした林 業務です", PII_PERSON), 0);
	/* a dotted reading in brackets, a kanji surname last */
	CHECK(has_span(sc, "Ana Souza Hayashi (アナ・ソウザ・林) です", PII_PERSON, "アナ・ソウザ・林"));
	/* false names: a heading's note in brackets, classes of households, a
	 * thing damaged, a district opening a row of counts */
	static const char note[] = "通訳とのやり取り（記録）\n大西：グエンさんの口座の件です";
	CHECK(has_span(sc, note, PII_PERSON, "大西"));
	/* a Vietnamese surname with さん is a name (the learned model's since
	 * it trains on every read batch; 1 name before) */
	CHECK(has_span(sc, note, PII_PERSON, "グエン"));
	CHECK_INT(count_of(sc, note, PII_PERSON), 2);
	CHECK_INT(count_of(sc, "団地名\t戸数\t入居世帯\t高齢者のみ世帯\n港第1団地\t50\t44\t20",
			   PII_PERSON),
		  0);
	CHECK_INT(count_of(sc, "災害公営住宅 入居世帯の推移：令和7年 820世帯", PII_PERSON), 0);
	CHECK(has_span(sc, "訪問：佐藤世帯、中村世帯", PII_PERSON, "佐藤"));
	CHECK_INT(count_of(sc, "相談受付メモ（健康福祉課）\n11/25 14:00 来庁 中原 進さん（61）\n"
			       "石垣が地震で損壊し、廃業。妻 中原 恵さんと2人世帯。",
			   PII_PERSON),
		  2);
	CHECK(has_span(sc, "相談メモ（福祉課）\n来庁 佐藤 一郎さん\n石原が訪問し、状況を確認。",
		       PII_PERSON, "石原"));
	CHECK_INT(count_of(sc, "本町\t186\t141\t45\n川口\t92\t70\t22\n中鶴\t47\t39\t8\n辛島\t11\t11\t0",
			   PII_PERSON),
		  0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The names of the twenty-eighth set's misses (blind batches 378-381), each
 * rule on probes of other names and towns, and look-alikes it leaves. */
TEST(twenty_eighth_set_names)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	/* a contract's parties are no names; the persons after them are */
	CHECK_INT(count_of(sc, "土地賃貸借契約書\n甲：北浜町\n乙：株式会社ミナトテック", PII_PERSON), 0);
	static const char parties[] = "甲は乙に対し、次の土地を貸し渡す。\n"
				      "甲：北浜町長 岡本 博\n乙：氏名 吉川 誠";
	CHECK_INT(count_of(sc, parties, PII_PERSON), 2);
	CHECK(has_span(sc, parties, PII_PERSON, "吉川 誠"));
	/* a relation of two kanji glued before a spaced name */
	CHECK(has_span(sc, "相続については次女林 恵子さんと協議する。", PII_PERSON, "林 恵子"));
	CHECK(has_span(sc, "届出人は長女堀 真知子（高松市）", PII_PERSON, "堀 真知子"));
	/* a place and a space before a full name written together */
	CHECK(has_span(sc, "訪問先 上原 北村正夫様宅", PII_PERSON, "北村正夫"));
	CHECK(has_span(sc, "本日 川口 宮城恵子さんが来庁", PII_PERSON, "宮城恵子"));
	CHECK(has_span(sc, "佐藤 一郎様", PII_PERSON, "佐藤 一郎"));
	/* 副 of a speaker's title is no part of the surname */
	CHECK(has_span(sc, "議事\n長谷川副議長：賛成です。", PII_PERSON, "長谷川"));
	CHECK(has_span(sc, "議事\n五十嵐副委員長：了解しました。", PII_PERSON, "五十嵐"));
	CHECK_INT(count_of(sc, "議事\n自治会副会長：賛成です。", PII_PERSON), 0);
	/* a full name written together introducing itself; a landlord's */
	CHECK(has_span(sc, "家主の村上正夫です。", PII_PERSON, "村上正夫"));
	CHECK(has_span(sc, "鹿島建設の永吉正人です。", PII_PERSON, "永吉正人"));
	CHECK(has_span(sc, "アパート管理人の西田です。", PII_PERSON, "西田"));
	CHECK_INT(count_of(sc, "大家の方です。", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "管理人の常駐時間です。", PII_PERSON), 0);
	/* a child named by its parent */
	CHECK(has_span(sc, "いつもお世話になっております。2年の北村蒼空の父です。", PII_PERSON,
		       "北村蒼空"));
	CHECK(has_span(sc, "担任の先生へ\n宮城結衣の母親です。明日は欠席します。", PII_PERSON,
		       "宮城結衣"));
	CHECK_INT(count_of(sc, "日本の母、と呼ばれる川です。", PII_PERSON), 0);
	/* a house called by its family */
	CHECK(has_span(sc, "空き家の宮本邸は来月解体予定。", PII_PERSON, "宮本"));
	CHECK_INT(count_of(sc, "首相官邸に向かう。", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "本町邸の前で待ち合わせ", PII_PERSON), 0);
	/* a mail's signature by the sender's address, above it or below */
	CHECK(has_span(sc, "先日はありがとうございました。\n電話 090-1234-5678／masao.k@example.jp\n北村正夫",
		       PII_PERSON, "北村正夫"));
	CHECK(has_span(sc, "よろしくお願いします。\n宮城結衣\nyui.m@example.jp", PII_PERSON, "宮城結衣"));
	CHECK_INT(count_of(sc, "本文です。\nmail: info@example.jp\n市民生活課", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "お問い合わせ\n市民課窓口\nshimin@city.example.jp", PII_PERSON), 0);
	/* when to call, before a phone, is no member acting; a member is */
	static const char evening[] = "相談メモ\n来庁 佐藤 一郎さん\n夜間は090-3321-5567に連絡が欲しいとのこと。";
	CHECK_INT(count_of(sc, evening, PII_PERSON), 1);
	CHECK(has_span(sc, "相談メモ\n来庁 佐藤 一郎さん\n荒木は12日に訪問予定。", PII_PERSON, "荒木"));
	/* a chat's one-kanji speaker with a duty in brackets */
	CHECK(has_span(sc, "[09:12] 森（施設管理）：鍵を開けました\n[09:13] 北村：ありがとうございます",
		       PII_PERSON, "森"));
	CHECK(has_span(sc, "[10:01] 関（窓口担当）：受付しました", PII_PERSON, "関"));
	/* the last column of a table headed by the staff in charge */
	static const char staffed[] = "番号,氏名,世帯,担当\n1,北村 ミネ,独居,吉岡\n2,宮城 トヨ,高齢,森田";
	CHECK(has_span(sc, staffed, PII_PERSON, "吉岡"));
	CHECK(has_span(sc, staffed, PII_PERSON, "森田"));
	CHECK_INT(count_of(sc, "番号,地区,担当\n1,川口,本庁\n2,上原,支所", PII_PERSON), 0);
	/* a whole name's reading written together in brackets */
	CHECK(has_span(sc, "申請者：宮城結衣（みやぎゆい）、電話 090-1111-2222", PII_PERSON,
		       "みやぎゆい"));
	CHECK(has_span(sc, "児童氏名：北村蒼空（きたむらそら）\n生年月日：令和元年8月14日", PII_PERSON,
		       "きたむらそら"));
	CHECK_INT(count_of(sc, "申請者：宮城結衣（ひとりぐらし）", PII_PERSON), 1);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Places, birth dates and resident codes from the misses of blind batches
 * 378-381, on probe lines of other towns and names, with the look-alikes
 * each rule must leave. */
TEST(twenty_eighth_set_places)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const struct probe probes[] = {
		/* a Hokkaido grid town with its lot, no municipality */
		{"郵送先は南郷7条2丁目4-11 ハイツ南郷203で合っています", PII_ADDRESS,
		 "南郷7条2丁目4-11 ハイツ南郷203"},
		{"2051\t陳 美玲\t中国\t2003-04-02\t緑丘5条3丁目2-8 コーポ緑丘201", PII_ADDRESS,
		 "緑丘5条3丁目2-8 コーポ緑丘201"},
		{"北12条西4丁目5-3 に住む", PII_ADDRESS, "北12条西4丁目5-3"},
		/* delivery labels; a katakana between a hamlet's kanji */
		{"お届け先：川内町字上ミ原24番地", PII_ADDRESS, "川内町字上ミ原24番地"},
		{"配達先：大沢字向イ田5番地（裏口）", PII_ADDRESS, "大沢字向イ田5番地"},
		/* two persons' birth dates listed with 、 */
		{"生年月日：1948年3月9日、1951年10月2日\n現住所：川内町大字中野5番地",
		 PII_DATE_OF_BIRTH, "1951年10月2日"},
		/* eleven digits opening a headerless row beside a name and a date */
		{"41027365918,佐藤 花子,1950/03/04,川内町大字中野5番地\n"
		 "71093846251,鈴木 一郎,1948/11/20,川内町大字中野8番地",
		 PII_JP_RESIDENT_CODE, "71093846251"},
		{"30581726493\t山本 和子\t昭和22年5月6日\t本町3丁目2-1", PII_JP_RESIDENT_CODE,
		 "30581726493"},
		/* a lodging's lettered room alone, as a whole item */
		{"部屋番号（C棟412号室）の記載が必要です。", PII_ADDRESS, "C棟412号室"},
		{"[11/02 09:10] 寮母：D棟207号室です", PII_ADDRESS, "D棟207号室"},
		/* a care home's name after the lot */
		{"新住所：川内町大字中野120番地 みどり苑\n届出人：長男", PII_ADDRESS,
		 "川内町大字中野120番地 みどり苑"},
		/* a sole proprietor's 所在地 (個人経営) under the applicant */
		{"支援金 交付申請\n申請者：大川 一夫（個人経営、肉牛30頭）\n所在地：川内町大字中野77番地\n"
		 "被害：牛舎",
		 PII_ADDRESS, "川内町大字中野77番地"},
	};
	CHECK_INT(probes_failing(sc, probes, YK_ARRAY_LEN(probes)), 0);
	/* a company's 所在地 stays the company's */
	CHECK_INT(count_of(sc, "登録申請\n事業者名：株式会社川内乳業\n所在地：川内町大字中野1180番地\n"
			       "担当者：三浦 彩花（携帯 080-4426-1397）",
			   PII_ADDRESS),
		  0);
	/* look-alikes: a grid block without its lot, a venue's room, a date
	 * of an event after 、, a row of receipts' numbers, a label in a
	 * sentence, a care home named as a venue */
	CHECK_INT(count_of(sc, "東栄3条1丁目の除雪は8時に完了", PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, "会場：A棟101号室\n日時：12月3日", PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, "説明会はA棟101号室で行います。", PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, "生年月日：1952年5月1日、2026年4月1日に転入", PII_DATE_OF_BIRTH), 1);
	CHECK_INT(count_of(sc, "20261204001,山本 和子,受付\n20261204002,鈴木 一郎,受付",
			   PII_JP_RESIDENT_CODE),
		  0);
	CHECK_INT(count_of(sc, "お届け先は下記のとおりです。", PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, "特別養護老人ホームみどり苑の見学会", PII_ADDRESS), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Known limits made linear (docs/pii.md): a mapping of PII_MAPPING_MAX
 * values finds each value's placeholder and each placeholder's value (a
 * hash index each) and refuses one value more, saying it was full; a full
 * name written again in every row of a long text is found whole in each
 * (full_name_again() through its index). Behaviour, not timing. */
TEST(known_limits_linear_and_named)
{
	enum { VALUES = PII_MAPPING_MAX };
	struct yk_buf text, out, back;
	yk_buf_init(&text, 0);
	yk_buf_init(&out, 0);
	yk_buf_init(&back, 0);
	struct pii_span *sp = calloc(VALUES + 1, sizeof(*sp));
	REQUIRE(sp != NULL);
	for (size_t i = 0; i <= VALUES; i++) {
		REQUIRE(yk_buf_adds(&text, "電話：") == 0);
		sp[i].byte_start = text.len;
		REQUIRE(yk_buf_addf(&text, "090-%04zu-%04zu", 2000 + i / 5000, 3000 + i % 5000) == 0);
		sp[i].byte_end = text.len;
		sp[i].type = PII_PHONE;
		sp[i].confidence = 0.9;
		REQUIRE(yk_buf_addc(&text, '\n') == 0);
	}
	struct pii_mapping *m = pii_mapping_new();
	/* PII_MAPPING_MAX distinct values: each its own placeholder, in order */
	size_t upto = sp[VALUES].byte_start; /* the text before the last value */
	CHECK_INT(pii_mask_spans(m, text.data, upto, sp, VALUES, &out), 0);
	CHECK_INT(pii_mapping_count(m), VALUES);
	CHECK(!pii_mapping_full(m));
	CHECK(out.data && strstr(out.data, "電話：〔電話1〕\n電話：〔電話2〕\n") == out.data);
	CHECK(out.data && strstr(out.data, "電話：〔電話10000〕\n") != NULL);
	/* every placeholder back to its own value */
	CHECK_INT(pii_restore(m, out.data, out.len, &back), 0);
	CHECK(back.len == upto && memcmp(back.data, text.data, upto) == 0);
	yk_buf_reset(&back);
	const char *reply = "〔電話１〕、〔電話5001〕、〔電話10000〕、〔電話10001〕、〔氏名1〕";
	CHECK_INT(pii_restore(m, reply, strlen(reply), &back), 0);
	CHECK_STR(back.data, "090-2000-3000、090-2001-3000、090-2001-7999、〔電話10001〕、〔氏名1〕");
	/* a value held already keeps its placeholder when the mapping is full */
	yk_buf_reset(&out);
	CHECK_INT(pii_mask_spans(m, text.data, sp[1].byte_end, sp, 2, &out), 0);
	CHECK_STR(out.data, "電話：〔電話1〕\n電話：〔電話2〕");
	/* one value more, of any type, is refused and said to be the mapping's */
	yk_buf_reset(&out);
	CHECK_INT(pii_mask_spans(m, text.data, text.len, sp, VALUES + 1, &out), YK_ELIMIT);
	CHECK(pii_mapping_full(m));
	CHECK_INT(pii_mapping_count(m), VALUES);
	struct pii_span person = sp[VALUES];
	person.type = PII_PERSON;
	yk_buf_reset(&out);
	CHECK_INT(pii_mask_spans(m, text.data, text.len, &person, 1, &out), YK_ELIMIT);
	CHECK(pii_mapping_full(m));
	/* out's own limit is not the mapping's */
	struct yk_buf small;
	yk_buf_init(&small, 8);
	CHECK_INT(pii_mask_spans(m, text.data, text.len, sp, 1, &small), YK_ELIMIT);
	CHECK(!pii_mapping_full(m));
	yk_buf_release(&small);
	pii_mapping_free(m);
	free(sp);

	/* one full name written again in every row of a few hundred rows,
	 * a cue on the first only: found whole in each (門司 names a place
	 * too) */
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const char name[] = "門司 健三";
	for (int layout = 0; layout < 2; layout++) {
		enum { ROWS = 300 };
		yk_buf_reset(&text);
		REQUIRE(yk_buf_adds(&text, "申請者：門司 健三（84）\n") == 0);
		for (int k = 1; k <= ROWS; k++)
			REQUIRE((layout ? yk_buf_addf(&text, "%d\t門司 健三\t北町1-2-%d\n", 10000 + k,
						      k % 9 + 1)
					: yk_buf_adds(&text, "門司 健三の連絡先を確認しました。\n")) == 0);
		/* the code points before each place of the name */
		size_t at[ROWS + 1], places = 0, cps = 0;
		const char *q = text.data;
		for (const char *p = strstr(q, name); p && places <= ROWS; p = strstr(p + 1, name)) {
			for (; q < p; q++)
				cps += ((unsigned char)*q & 0xC0) != 0x80;
			at[places++] = cps;
		}
		REQUIRE(places == ROWS + 1);
		const struct pii_span *v;
		size_t n = 0, found = 0;
		REQUIRE(pii_scan(sc, text.data, text.len, &v, &n) == 0);
		for (size_t i = 0, k = 0; i < n && k <= ROWS; i++) {
			while (k <= ROWS && at[k] < v[i].start)
				k++;
			found += k <= ROWS && v[i].type == PII_PERSON && v[i].start == at[k] &&
				 v[i].end == at[k] + 5;
		}
		CHECK_INT(found, ROWS + 1);
	}
	pii_scanner_free(sc);
	pii_detector_free(d);
	yk_buf_release(&text);
	yk_buf_release(&out);
	yk_buf_release(&back);
}

/* Blind batches 394-397 (thirtieth set), numbers and places: probes of
 * our own (other towns, other names) for each rule, with look-alikes the
 * rule must leave alone. */
TEST(thirtieth_set_numbers_and_places)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	/* a hamlet's 字 alone with its lot in 番地; not a word with 字, not a
	 * hamlet continuing its town's block */
	CHECK(has_span(sc, "訪問 10:30 字大沢12番地 佐藤 ハナさん宅。", PII_ADDRESS, "字大沢12番地"));
	CHECK(has_span(sc, "自宅は字松ヶ丘7番地3、電話は不通です。", PII_ADDRESS, "字松ヶ丘7番地3"));
	CHECK_INT(count_of(sc, "字幕12件を確認しました。", PII_ADDRESS), 0);
	CHECK(!has_span(sc, "住居地：越前浜町大字米ノ22字北浦7番地", PII_ADDRESS, "字北浦7番地"));
	/* a farm on Hokkaido's grid by its district and 線 alone */
	CHECK(has_span(sc, "田中 一郎\t美生東3線41番地\t乳牛 30頭\t090-2231-4478", PII_ADDRESS,
		       "美生東3線41番地"));
	CHECK_INT(count_of(sc, "新幹線2線12本の運休", PII_ADDRESS), 0);
	/* a parcel of land after its label is no one's home */
	CHECK_INT(count_of(sc, "対象森林：北浜町大字高台字奥山 3102-4、3102-5（計 1.37ha）", PII_ADDRESS),
		  0);
	CHECK(has_span(sc, "住所：北浜町大字高台字奥山211番地", PII_ADDRESS, "北浜町大字高台字奥山211番地"));
	/* a lodging's room after the building or the employer */
	CHECK(has_span(sc, "住所：北見市端野町二区471番地 みどり荘 寮3号室", PII_ADDRESS,
		       "北見市端野町二区471番地 みどり荘 寮3号室"));
	CHECK(has_span(sc, "送付先：帯広市西5条南12丁目3番地 山田農場 研修生寮12号室", PII_ADDRESS,
		       "帯広市西5条南12丁目3番地 山田農場 研修生寮12号室"));
	/* a card's 記号 of letters only before its 番号, and split from its
	 * number under 記号・番号; 記号番号 and a compound's 記号 as before */
	const char *birth = "出産育児一時金\n記号 浜北\u3000番号 5521\n振込先：みなと銀行";
	CHECK(has_span(sc, birth, PII_JP_HEALTH_INSURANCE, "浜北"));
	CHECK(has_span(sc, birth, PII_JP_HEALTH_INSURANCE, "5521"));
	CHECK(has_span(sc, "療養費\n記号・番号：浜北-5521（枝番 02）", PII_JP_HEALTH_INSURANCE, "5521"));
	CHECK_INT(count_of(sc, "療養費\n記号・番号：浜北-5521（枝番 02）", PII_JP_HEALTH_INSURANCE), 3);
	CHECK_INT(count_of(sc, "文書記号 総務 番号 12 の件", PII_JP_HEALTH_INSURANCE), 0);
	/* a phone abroad with its country code; not a form's sample */
	CHECK(has_span(sc, "Phone: +44 20 7946 0958", PII_PHONE, "+44 20 7946 0958"));
	CHECK_INT(count_of(sc, "電話 +62 22 1234 5678", PII_PHONE), 0);
	/* a passport after Passport number:, not after another number's label */
	CHECK(has_span(sc, "Passport number: X7KQ29PL4 (France)", PII_PASSPORT, "X7KQ29PL4"));
	CHECK_INT(count_of(sc, "Order number: X7KQ29PL4 (France)", PII_PASSPORT), 0);
	/* a comma row whose address abroad spills over its own commas */
	CHECK(has_span(sc,
		       "受付日,氏名,国籍,旅券番号,住所\n2026/11/02,WANG XIAO-MING,台湾,412873650,No. "
		       "7, Ln. 3, Zhongshan Rd., Tainan City",
		       PII_PASSPORT, "412873650"));
	/* a dormitory's column */
	CHECK(has_span(sc, "No,氏名,寮\n1,LE VAN AN,北浜第1寮203号", PII_ADDRESS, "北浜第1寮203号"));
	CHECK_INT(count_of(sc, "寮,定員,空室\n第1寮,20,3\n第2寮,16,0", PII_ADDRESS), 0);
	/* published offices: a council publishing, a company's contact, a
	 * funeral hall, a depot, another number's label, a company's cell;
	 * a mobile after 勤務先 and a person's address before a company stay */
	const char *council = "発行：北浜町議会 〒089-1234 北浜町本町2丁目3番地 電話 0155-22-1111";
	CHECK_INT(count_of(sc, council, PII_PHONE), 0);
	CHECK_INT(count_of(sc, council, PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, council, PII_POSTAL_CODE), 0);
	CHECK_INT(count_of(sc, "会社連絡先：北浜運送 0155-23-4567", PII_PHONE), 0);
	CHECK(has_span(sc, "勤務先：北浜運送（携帯 090-1234-8876）", PII_PHONE, "090-1234-8876"));
	CHECK_INT(count_of(sc, "北浜町火葬場（北浜町字高台5番地）は通常どおり稼働しています。",
			   PII_ADDRESS),
		  0);
	CHECK_INT(count_of(sc, "北浜除雪基地\t北浜町字高台200番地\t0155-22-2400\t24時間", PII_PHONE),
		  0);
	CHECK_INT(count_of(sc, "収納代行の委託者番号：0312345678", PII_PHONE), 0);
	/* a section's mailbox at a town's domain; a person's there stays */
	CHECK_INT(count_of(sc, "To: kosodate@town.kitahama.hokkaido.jp\n件名：見学の希望", PII_EMAIL), 0);
	CHECK(has_span(sc, "担当：北村（kitamura@town.kitahama.hokkaido.jp）", PII_EMAIL,
		       "kitamura@town.kitahama.hokkaido.jp"));
	CHECK(has_span(sc, "Mail: h-kitamura@town.kitahama.hokkaido.jp", PII_EMAIL,
		       "h-kitamura@town.kitahama.hokkaido.jp"));
	/* a surname alone, in a signature under the name's line, is the
	 * person's own (romanised reading in ENAMDICT, long o or not) */
	CHECK(has_span(sc, "企画課 山田 太郎\nyamada@city.kitahama.example.jp", PII_EMAIL,
		       "yamada@city.kitahama.example.jp"));
	CHECK(has_span(sc, "連絡先：sato@city.kitahama.example.jp", PII_EMAIL,
		       "sato@city.kitahama.example.jp"));
	CHECK(has_span(sc, "連絡先：hattori@city.kitahama.example.jp", PII_EMAIL,
		       "hattori@city.kitahama.example.jp"));
	CHECK_INT(count_of(sc, "連絡先：zeimu@city.kitahama.example.jp", PII_EMAIL), 0);
	CHECK(has_span(sc, "電話番号：0312345678", PII_PHONE, "0312345678"));
	CHECK_INT(count_of(sc, "2026,北浜町字新町3番地,北浜運送株式会社,LE VAN AN,1999/01/02",
			   PII_ADDRESS),
		  0);
	CHECK(has_span(sc, "山本 太郎,北浜町字新町3番地,北浜運送株式会社,1999/01/02", PII_ADDRESS,
		       "北浜町字新町3番地"));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The names of the thirtieth set's misses (blind batches 394-397), each
 * rule on probes of other names and towns: want is the span's exact
 * text, or NULL where no PERSON may be found (look-alikes). */
TEST(thirtieth_set_names)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const struct probe probes[] = {
		/* chat speakers after a body's name, a line of the same
		 * shape next to them */
		{"[消防×役場]\n消防 北村：倒木で県道が通れません\n役場 杉本：迂回路を案内します",
		 PII_PERSON, "杉本"},
		{"農協 堀：出荷は明日です\n役場 菅野：承知しました", PII_PERSON, "堀"},
		/* one line alone is a form's; directions and places name no one */
		{"会場 中央：体育館", PII_PERSON, NULL},
		{"配布 本町：30部\n配布 寿町：20部", PII_PERSON, NULL},
		/* a staff member after 職員の; the staff's own words */
		{"市職員の浅沼から説明があった。", PII_PERSON, "浅沼"},
		{"支所職員の手が足りない。", PII_PERSON, NULL},
		{"職員の研修は明日です。", PII_PERSON, NULL},
		/* a surname owning the phone after it */
		{"急ぎの場合は浅沼の携帯 080-1234-5678 へ。", PII_PERSON, "浅沼"},
		{"夜間は石黒の自宅 0577-33-1234 まで", PII_PERSON, "石黒"},
		{"事務所の携帯 090-1111-2222 へ", PII_PERSON, NULL},
		{"韓国の番号のため、日本の携帯 080-9013-2274 へ", PII_PERSON, NULL},
		/* a three-part name's surname before its katakana given name */
		{"申請者の宮下 マリア 恵さんから電話", PII_PERSON, "宮下 マリア 恵"},
		{"窓口で、大城 カルロス 勇様の在留カードを確認", PII_PERSON, "大城 カルロス 勇"},
		{"（税務課メモ）確認のため、宮里 ルイス 翔様の旅券を複写した", PII_PERSON,
		 "宮里 ルイス 翔"},
		/* a unit's name before the given names is no surname */
		{"担当課 ルイス 健さんから電話", PII_PERSON, "ルイス 健"},
		/* a message's addressee, a surname and a title on a line
		 * of their own before the greeting; a unit's head is no one */
		{"件名：転入の件\n井深主査さん\nお世話になっております。", PII_PERSON, "井深"},
		{"総務課長\nお疲れ様です。会議の件です。", PII_PERSON, NULL},
		/* a relative's home glued to the relation; a given name
		 * after a space stays */
		{"冬は長男宅\n住所：本町1-2", PII_PERSON, NULL},
		{"祖母宅（0866-57-2048）に連絡した", PII_PERSON, NULL},
		{"連絡先：長男 剛\n住所：本町1-2", PII_PERSON, "剛"},
		/* the state that issued a document's number, in brackets after
		 * it; a name after a phone stays */
		{"Passport number: AB1234567 (Canada)\nDate of birth: 1 May 1990", PII_PERSON, NULL},
		{"Phone: 09012345678 (Maria)", PII_PERSON, "Maria"},
	};
	CHECK_INT(probes_failing(sc, probes, YK_ARRAY_LEN(probes)), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The PERSON spans of the scan of text that lie exactly on a place of
 * name (code points), and how many places there are. */
static size_t persons_on_places(struct pii_scanner *sc, const char *text, const char *name,
				size_t *places)
{
	const struct pii_span *v;
	size_t n = 0, found = 0, cps = 0, len = 0;
	for (const char *q = name; *q; q++)
		len += ((unsigned char)*q & 0xC0) != 0x80;
	*places = 0;
	if (pii_scan(sc, text, strlen(text), &v, &n) != 0)
		return 0;
	const char *q = text;
	for (const char *p = strstr(text, name); p; p = strstr(p + 1, name)) {
		for (; q < p; q++)
			cps += ((unsigned char)*q & 0xC0) != 0x80;
		++*places;
		for (size_t i = 0; i < n; i++)
			found += v[i].type == PII_PERSON && v[i].start == cps && v[i].end == cps + len;
	}
	return found;
}

/* The shared overlap index against a walk of the list: spans at random,
 * some kept and some at the floor, more added after it was made (runs
 * ascending and at random places) and some lowered, asked both walked (a
 * short list) and indexed, following the list or frozen at its start. */
static void overlap_index_agrees_with_a_walk(void)
{
	unsigned seed = 12345;
#define NEXT_RAND() (seed = seed * 1103515245u + 12345u, (seed >> 8) % 1000u)
	struct pii__cands c = {0};
	c.cap = 4096;
	c.v = calloc(c.cap, sizeof(*c.v));
	REQUIRE(c.v != NULL);
	for (int round = 0; round < 60; round++) {
		c.n = round % 3 == 0 ? NEXT_RAND() % PII_INDEX_MIN : NEXT_RAND() % 400;
		for (size_t k = 0; k < c.n; k++) {
			c.v[k].start = NEXT_RAND();
			c.v[k].end = c.v[k].start + 1 + NEXT_RAND() % 8;
			c.v[k].confidence = NEXT_RAND() % 5 ? 0.8 : 0.01;
		}
		size_t n0 = c.n;
		int frozen = round % 4 == 1;
		struct pii__overlaps x;
		pii__overlaps_init(&x, &c, frozen ? n0 : SIZE_MAX, 0.01);
		size_t at = 0;
		for (int q = 0; q < 600; q++) {
			unsigned what = NEXT_RAND() % 10;
			if (what < 2 && c.n < c.cap) { /* added: ascending, or anywhere */
				struct pii_span *w = &c.v[c.n++];
				at = what == 0 ? at + NEXT_RAND() % 5 : NEXT_RAND();
				w->start = at;
				w->end = at + 1 + NEXT_RAND() % 6;
				w->confidence = NEXT_RAND() % 7 ? 0.75 : 0.01;
			} else if (what == 2 && c.n) { /* lowered */
				c.v[NEXT_RAND() % c.n].confidence = 0.01;
			}
			size_t s = NEXT_RAND(), e = s + 1 + NEXT_RAND() % 10, m = frozen ? n0 : c.n;
			int walked = 0;
			for (size_t k = 0; k < m; k++)
				walked |= c.v[k].start < e && c.v[k].end > s && c.v[k].confidence > 0.01;
			CHECK_INT(pii__overlaps_any(&x, s, e), walked);
		}
		pii__overlaps_release(&x);
	}
#undef NEXT_RAND
	free(c.v);
}

/* Rules over a pasted register stay linear (names written again as whole
 * cells of a roster, a relative's given name written again alone): the
 * behaviour at every place; the overlap index they ask against a walk. */
TEST(repeats_linear_in_registers)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const char *const names[] = {"菅原 健太", "斉藤 花子", "門司 健三",
					    "大城 美咲", "比嘉 翔", "金城 結衣"};
	enum { ROWS = 300, NAMES = sizeof names / sizeof *names };
	struct yk_buf text;
	yk_buf_init(&text, 1 << 20);
	REQUIRE(yk_buf_adds(&text, "当番表\n日付\t担当\t副担当\n") == 0);
	for (int k = 0; k < ROWS; k++)
		REQUIRE(yk_buf_addf(&text, "12/%d\t%s\t%s\n", k % 28 + 1, names[k % NAMES],
				    names[(k + 2) % NAMES]) == 0);
	for (size_t j = 0; j < NAMES; j++) {
		size_t places = 0;
		CHECK_INT(persons_on_places(sc, text.data, names[j], &places), 2 * ROWS / NAMES);
		CHECK_INT(places, 2 * ROWS / NAMES);
	}
	yk_buf_reset(&text);
	REQUIRE(yk_buf_adds(&text, "長男 颯太（小6）が同居。\n") == 0);
	for (int k = 0; k < ROWS; k++)
		REQUIRE(yk_buf_adds(&text, "颯太が朝食をとる。颯太の連絡帳を確認。\n") == 0);
	size_t places = 0;
	CHECK_INT(persons_on_places(sc, text.data, "颯太", &places), 2 * ROWS + 1);
	CHECK_INT(places, 2 * ROWS + 1);
	/* a katakana given name of a full name written again alone
	 * (name_parts_repeat()) */
	yk_buf_reset(&text);
	REQUIRE(yk_buf_adds(&text, "相談者：ソウザ　レオナルド（42）\n") == 0);
	for (int k = 0; k < ROWS; k++)
		REQUIRE(yk_buf_adds(&text, "レオナルドは来週また来庁する予定です。\n") == 0);
	places = 0;
	CHECK_INT(persons_on_places(sc, text.data, "レオナルド", &places), ROWS);
	CHECK_INT(places, ROWS + 1);
	yk_buf_release(&text);
	pii_scanner_free(sc);
	pii_detector_free(d);
	overlap_index_agrees_with_a_walk();
}

/* Blind batches 402-405 (thirty-first set), numbers and places: probes of
 * our own (other towns, other names) for each rule, with look-alikes the
 * rule must leave alone. */
TEST(thirty_first_set_numbers_and_places)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	/* a 文化住宅 by its short form and a room on its floor */
	CHECK(has_span(sc, "住所：豊中市本町3丁目2番5号 みどり文化 2階12号室\n訪問済み", PII_ADDRESS,
		       "豊中市本町3丁目2番5号 みどり文化 2階12号室"));
	CHECK(has_span(sc, "12月1日　守口市寺内町1丁目4番9号 寺内文化 1階2号 田村さん宅訪問。",
		       PII_ADDRESS, "守口市寺内町1丁目4番9号 寺内文化 1階2号"));
	CHECK(has_span(sc, "住所：豊中市本町3丁目2番5号 市民文化 2階", PII_ADDRESS,
		       "豊中市本町3丁目2番5号 市民文化 2階"));
	/* a bare room after the house's 号, closing the bracket or the line */
	CHECK(has_span(sc, "転居したこと（八尾市北本町二丁目4番7号 203）は届けました。", PII_ADDRESS,
		       "八尾市北本町二丁目4番7号 203"));
	CHECK(has_span(sc, "住所：豊中市本町3丁目2番5号 1203人", PII_ADDRESS, "豊中市本町3丁目2番5号"));
	CHECK(has_span(sc, "住所：豊中市本町3丁目2番5号 2026年", PII_ADDRESS, "豊中市本町3丁目2番5号"));
	/* the 枝番 of several members after their relation */
	const char *card = "資格確認書：記号 みど8 番号 20471（枝番 世帯主00・妻01・長女02）";
	CHECK(has_span(sc, card, PII_JP_HEALTH_INSURANCE, "00"));
	CHECK(has_span(sc, card, PII_JP_HEALTH_INSURANCE, "01"));
	CHECK(has_span(sc, card, PII_JP_HEALTH_INSURANCE, "02"));
	CHECK(!has_span(sc, card, PII_JP_HEALTH_INSURANCE, "世帯主00"));
	CHECK_INT(count_of(sc, "保険証：記号 みど8 番号 20471 枝番 01・第2回", PII_JP_HEALTH_INSURANCE), 3);
	/* a lunar birthday in brackets after the birth date; a lunar date
	 * of an event is none */
	CHECK(has_span(sc, "金城 カマ　大正15年5月20日（旧暦4月9日）生", PII_DATE_OF_BIRTH, "4月9日"));
	CHECK(has_span(sc, "生年月日：昭和9年2月3日（旧暦12月20日）", PII_DATE_OF_BIRTH, "12月20日"));
	CHECK_INT(count_of(sc, "開催日 令和8年1月5日（旧暦11月17日）", PII_DATE_OF_BIRTH), 0);
	/* a date under a label of another day, 出生 in the words after it */
	CHECK_INT(count_of(sc, "届出人：父 新垣 翔太\n受付日：令和8年10月2日（出生から14日以内）",
			   PII_DATE_OF_BIRTH), 0);
	CHECK(has_span(sc, "子：新垣 陽菜\n令和8年9月20日に那覇市内の病院で出生", PII_DATE_OF_BIRTH,
		       "令和8年9月20日"));
	/* a staff member's official mobile in brackets after their name;
	 * an office's stays the office's */
	CHECK(has_span(sc, "以上、よろしくお願いします。\n山本 健太（公用携帯 090-1234-5678）", PII_PHONE,
		       "090-1234-5678"));
	CHECK_INT(count_of(sc, "防災課（公用携帯 080-1111-2222）", PII_PHONE), 0);
	/* an address cell of a person's row, the employer's cell before it */
	const char *rows = "氏名,勤務先,住所\n佐藤 花子,有限会社みどり製作所,豊中市本町1-2-3 みどり寮12号";
	CHECK(has_span(sc, rows, PII_ADDRESS, "豊中市本町1-2-3 みどり寮12号"));
	CHECK_INT(count_of(sc, "事業所名,所在地\n株式会社あおば,豊中市本町4-5-6", PII_ADDRESS), 0);
	/* an address label's value in brackets */
	CHECK(has_span(sc, "長男の転居先（緑町3-4-5 コーポ緑201）へ郵送した。", PII_ADDRESS,
		       "緑町3-4-5 コーポ緑201"));
	CHECK_INT(count_of(sc, "現住所（緑町3丁目）に住んで5年", PII_ADDRESS), 0);
	/* a public body's housing with its building and room */
	CHECK(has_span(sc, "母は市営本町住宅5棟102号室に住んでいる", PII_ADDRESS, "市営本町住宅5棟102号室"));
	CHECK(has_span(sc, "訪問先：県営みなと住宅 3-205", PII_ADDRESS, "県営みなと住宅 3-205"));
	CHECK_INT(count_of(sc, "市営住宅12棟の説明会", PII_ADDRESS), 0);
	/* a case number zero-padded, not a town's lot */
	CHECK_INT(count_of(sc, "山口 花子さん（緑保3-01254）の件", PII_ADDRESS), 0);
	CHECK(has_span(sc, "松尾 勝さん（本町12-305）が来庁", PII_ADDRESS, "本町12-305"));
	/* after a label's colon it is what the label says */
	CHECK(has_span(sc, "住所：本町2-0377", PII_ADDRESS, "本町2-0377"));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The names of the thirty-first set's misses (blind batches 402-405), each
 * rule on probes of other names and towns: want is the span's exact text,
 * or NULL where no PERSON may be found (look-alikes). */
TEST(thirty_first_set_names)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const struct probe probes[] = {
		/* a katakana family name glued after a relation or a class
		 * joins its given name; an office's name does not */
		{"次男ハリス 健太さん（中1）が同居。", PII_PERSON, "ハリス 健太"},
		{"1年3組ホワイト 真央さん", PII_PERSON, "ホワイト 真央"},
		{"子ども総合センター 森田", PII_PERSON, "森田"},
		/* a given name of katakana then kanji */
		{"申請者：ロペス マリア恵美（長女）", PII_PERSON, "ロペス マリア恵美"},
		{"長女 ガルシア ソフィア里奈さん", PII_PERSON, "ガルシア ソフィア里奈"},
		{"ジョン スミス様へ", PII_PERSON, "ジョン スミス"},
		/* a relation glued before a full name is no part of it */
		{"世帯：父宮城 健（自営）、祖母宮城 トミ（要支援1）", PII_PERSON, "宮城 トミ"},
		{"祖父江 健さんから電話", PII_PERSON, "祖父江 健"},
		/* a surname glued to a speaker's mark or a title in 長 */
		{"○饒平名 和子議員　質問します", PII_PERSON, "饒平名 和子"},
		{"自治会長桃原 正一\n", PII_PERSON, "桃原 正一"},
		{"部長会議 大地震の備え", PII_PERSON, NULL},
		/* a surname glued after a role before CW or a speaker's colon,
		 * or before 通訳員; a unit's words are no one */
		{"対応：地区担当山口CWへ連絡", PII_PERSON, "山口"},
		{"[10:20] 班長坂本：了解です", PII_PERSON, "坂本"},
		{"来週、具志堅通訳員が同行します。", PII_PERSON, "具志堅"},
		{"[10:00] 係長会議：明日", PII_PERSON, NULL},
		{"地区担当CWへ伝達", PII_PERSON, NULL},
		{"生活相談員が対応", PII_PERSON, NULL},
		/* places listed with ・ and counted after the list; persons
		 * counted stay */
		{"小松原・長田・岩田の3地区は来年度から", PII_PERSON, NULL},
		{"田中・山本の2名が出席", PII_PERSON, "田中"},
		/* a chat's speaker whose surname ends another place's name
		 * stays a speaker; speakers named after their districts
		 * do not */
		{"宮里：東宮里公民館 避難者12人\n金城：了解\n宮里：了解", PII_PERSON, "宮里"},
		{"田老：田老第一中学校 避難者40人\n重茂：重茂公民館 12人\n田老：了解", PII_PERSON,
		 NULL},
		/* a reading in brackets after a Latin name, a space before
		 * them, its given name in hiragana */
		{"Mother: Emily Parker (パーカー えみ)", PII_PERSON, "パーカー えみ"},
		{"Maria Santos (マリア サントス)", PII_PERSON, "マリア サントス"},
		/* the last word of an English title in Title Case is no one;
		 * a name after one word is */
		{"（Declaration of Intention to Marry）を提出", PII_PERSON, NULL},
		{"Letter to Maria", PII_PERSON, "Maria"},
		/* a household's surname before its old member; a home's word
		 * is no one */
		{"隣の人が「岡部のおじいちゃん」と呼んでいた", PII_PERSON, "岡部"},
		{"夏は、田舎のおばあちゃんの家へ行く", PII_PERSON, NULL},
		/* a given name of katakana then kanji glued after a relation;
		 * a thing of katakana then kanji is none */
		{"次女リナ美咲（小2）", PII_PERSON, "リナ美咲"},
		{"長女ピアノ教室、長男テレビ一台", PII_PERSON, NULL},
	};
	CHECK_INT(probes_failing(sc, probes, YK_ARRAY_LEN(probes)), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Blind batches 414-417 (thirty-second set), numbers and places: probes of
 * our own (other towns, other names) for each rule, with look-alikes the
 * rule must leave alone. */
TEST(thirty_second_set_numbers_and_places)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	/* a 大字 opening an item, its town left out; 大字 as a word */
	CHECK(has_span(sc, "役場の方へ\n大字上郷512の佐藤です。水路が詰まっています。", PII_ADDRESS,
		       "大字上郷512"));
	CHECK(has_span(sc, "対象：森 ハル（平成2年3月4日生、大字小松原3021番地2）", PII_ADDRESS,
		       "大字小松原3021番地2"));
	CHECK_INT(count_of(sc, "大字別の世帯数：大字東原412世帯", PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, "大字中村2025年度の事業", PII_ADDRESS), 0);
	/* a card's symbol of digits and its number under 記号・番号 */
	const char *card = "国保記号・番号：3304-118820\n記入補助：通訳";
	CHECK(has_span(sc, card, PII_JP_HEALTH_INSURANCE, "3304"));
	CHECK(has_span(sc, card, PII_JP_HEALTH_INSURANCE, "118820"));
	CHECK(has_span(sc, "健康保険証の記号・番号は 12-345 です。", PII_JP_HEALTH_INSURANCE, "12-345"));
	CHECK(has_span(sc, "国保 記号・番号・枝番：4410-22871-01", PII_JP_HEALTH_INSURANCE,
		       "4410-22871-01"));
	/* a condominium's katakana name before its lettered wing; a
	 * building of kanji alone is an office's */
	CHECK(has_span(sc, "滞納一覧\nパークハイム緑町C棟405号室　山田 太郎様", PII_ADDRESS,
		       "パークハイム緑町C棟405号室"));
	CHECK(has_span(sc, "住戸：ライオンズ本郷A棟1102号室\n申込者：林 一郎", PII_ADDRESS,
		       "ライオンズ本郷A棟1102号室"));
	CHECK_INT(count_of(sc, "説明会\n本館B棟203号室", PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, "会場：コミュニティセンターA棟101号室", PII_ADDRESS), 0);
	/* a 部屋番号 column in a roll naming persons; a hall's rooms */
	CHECK(has_span(sc, "部屋番号\t氏名\t電話\nC棟305\t小野寺 茜\t090-3321-7781", PII_ADDRESS, "C棟305"));
	CHECK_INT(count_of(sc, "部屋番号\t定員\t料金\n201\t2\t5000", PII_ADDRESS), 0);
	/* a dwelling named in hiragana, の and kanji, and its room */
	CHECK(has_span(sc, "住所：杉沢村字中野12番地 さくらの杜荘 2号室", PII_ADDRESS,
		       "杉沢村字中野12番地 さくらの杜荘 2号室"));
	CHECK(has_span(sc, "住所：みどり市本町3-4-5 ひかりの丘ハイツ 203", PII_ADDRESS,
		       "みどり市本町3-4-5 ひかりの丘ハイツ 203"));
	CHECK(has_span(sc, "自宅はみどり市本町3-4-5 すぐの寮の隣", PII_ADDRESS, "みどり市本町3-4-5"));
	/* a date before the birth named as a deadline's start */
	CHECK_INT(count_of(sc, "受付：2026年4月2日（出生日の翌日から15日以内）", PII_DATE_OF_BIRTH), 0);
	CHECK_INT(count_of(sc, "届出：令和8年3月2日（出生から14日以内）", PII_DATE_OF_BIRTH), 0);
	CHECK(has_span(sc, "2025年10月30日出生、体重3100g", PII_DATE_OF_BIRTH, "2025年10月30日"));
	/* an office's number as one way to answer it, a hall's after its
	 * hours; a person's two numbers stay */
	CHECK_INT(count_of(sc, "申込：FAX 0263-41-7720 または生涯学習課 0263-41-7712", PII_PHONE), 0);
	CHECK_INT(count_of(sc, "出欠は5日までに 0263-41-7712 または本メールに返信でお知らせください。",
			   PII_PHONE), 0);
	CHECK_INT(count_of(sc, "開館：火～日 10時～18時　電話 052-881-4410", PII_PHONE), 0);
	CHECK_INT(count_of(sc, "連絡先：自宅 0263-41-8831 または携帯 090-2231-4471", PII_PHONE), 2);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* A note in brackets after a name in katakana or Latin letters is no
 * spelling of it: two kanji unspaced (同居, 別居) only when ENAMDICT lists
 * the whole as a name or a Chinese or Korean surname opens it, three or
 * more when it lists a surname and a given name in it (not 会社員); the
 * kanji spelling of such a name stays a name. */
TEST(bracket_notes_after_kana_names)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const char *const notes[] = {"緊急連絡先：父 カリミ・ハミド（同居）",
					    "母 グエン・ティ・ラン（別居）の連絡先",
					    "父 カリミ・ハミド（会社員）",
					    "本来の送付先：Reyes Cristina（同町内）"};
	for (size_t k = 0; k < sizeof notes / sizeof *notes; k++)
		CHECK_INT(count_of(sc, notes[k], PII_PERSON), 1);
	CHECK(has_span(sc, "緊急連絡先：父 カリミ・ハミド（同居）", PII_PERSON, "カリミ・ハミド"));
	CHECK(has_span(sc, "タナカ ユウト（田中悠斗）", PII_PERSON, "田中悠斗"));
	CHECK(has_span(sc, "父 グエン・ヴァン・ナム（阮文南）", PII_PERSON, "阮文南"));
	CHECK(has_span(sc, "モリ ケン（森健）", PII_PERSON, "森健"));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The names of the thirty-second set's misses (blind batches 414-417),
 * each rule on probes of other names and places: want is the span's exact
 * text, or NULL where no PERSON may be found (look-alikes). */
TEST(thirty_second_set_names)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const struct probe probes[] = {
		/* a surname before 理事長 or 副理事長: the title is no given
		 * name, on a letter's first line or in a sentence; the
		 * title's own words are no one */
		{"件名：ご報告\n大西理事長\nお世話になっております。", PII_PERSON, "大西"},
		{"平田副理事長\nお疲れさまです。", PII_PERSON, "平田"},
		{"宮崎理事長が出席", PII_PERSON, "宮崎"},
		{"（グエン副理事長が通訳）", PII_PERSON, "グエン"},
		{"理事長会議の日程", PII_PERSON, NULL},
		/* two fields of a form on one line: the next label and its
		 * colon end the surname after a role */
		{"受付者：坂口　確認者：南雲", PII_PERSON, "坂口"},
		{"処理者：大野　決裁者：森", PII_PERSON, "大野"},
		{"担当：水野　内線：2231", PII_PERSON, "水野"},
		/* a surname before 医師 after a clinic and a space; a
		 * field of medicine before 医師 is no one */
		{"主治医：しらかば診療所 出水医師", PII_PERSON, "出水"},
		{"往診：西谷内科 中道医師", PII_PERSON, "中道"},
		{"歯科医師による健診", PII_PERSON, NULL},
		{"担当医師に相談", PII_PERSON, NULL},
		/* a vacant house named after its family by 旧…宅; an old
		 * house of a kind is no one */
		{"空き家（旧松浦宅）の草刈り", PII_PERSON, "松浦"},
		{"見回り：旧大森宅、旧坂下宅", PII_PERSON, "坂下"},
		{"旧教員住宅の解体", PII_PERSON, NULL},
		{"旧社宅跡地", PII_PERSON, NULL},
		/* an uncle or an aunt before a name of katakana words joined
		 * by ・; the relation alone is no one */
		{"緊急連絡先：叔父 カリミ・ハミド 080-1234-5678", PII_PERSON, "カリミ・ハミド"},
		{"連絡先：叔母 ハイダリ・ライラ（同居）", PII_PERSON, "ハイダリ・ライラ"},
		{"叔父と相談して決める", PII_PERSON, NULL},
		/* a public body's share of a subsidy in brackets is no one
		 * dated; a surname and a date still are */
		{"通学費補助金（国 1/2）を申請", PII_PERSON, NULL},
		{"補助率（県 1/4）", PII_PERSON, NULL},
		{"確認済み（林 12/3）", PII_PERSON, "林"},
		/* a resident introducing themself after their place's lot
		 * number; a house or a count after one is no one */
		{"大字野尻45の奥平です。道が崩れています", PII_PERSON, "奥平"},
		{"本町3-12の坂巻です。ごみの件で", PII_PERSON, "坂巻"},
		{"北町23-1の家ですが、評価額が", PII_PERSON, NULL},
		{"第3の方法です。", PII_PERSON, NULL},
		/* a car's make and model after its field is no one; a name
		 * after a person's field stays */
		{"車種：ホンダ フィット　登録番号：品川 500 さ 12-34", PII_PERSON, NULL},
		{"車名：日産 ノート", PII_PERSON, NULL},
		{"氏名：本田 圭", PII_PERSON, "本田 圭"},
	};
	CHECK_INT(probes_failing(sc, probes, YK_ARRAY_LEN(probes)), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The names of the thirty-third set's misses (blind batches 418-421),
 * each rule on probes of other names and towns: want is the span's exact
 * text, or NULL where no name may be found (look-alikes). */
TEST(thirty_third_set_names)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const struct probe probes[] = {
		/* 組合 and a department after a space is a union's unit, no
		 * surname 合 after a class's 組; a class still is one */
		{"問合せ：大浦漁業協同組合 総務部 0192-22-1111", PII_PERSON, NULL},
		{"問合せ：大浦漁業協同組合 本所 0192-22-1111", PII_PERSON, NULL},
		/* a route's stops are places; a hand-over names people */
		{"経路：新宿→渋谷→池袋", PII_PERSON, NULL},
		{"ルート：中野 → 高田 → 市役所", PII_PERSON, NULL},
		{"引継ぎ：大沢→小川→田村", PII_PERSON, "小川"},
		{"経路：田中さん→佐藤さん", PII_PERSON, "佐藤"},
		{"問合せ：青葉市観光協会 本部 0192-22-1111", PII_PERSON, NULL},
		{"担当：市民課 本所 0192-22-1111", PII_PERSON, "本所"},
		{"すみれ組田中 太郎", PII_PERSON, "田中 太郎"},
		/* a chat speaker of one kanji with an association in brackets
		 * (自治会, 農協); a direction is no one */
		{"[9:02] 林（自治会）：了解です\n[9:03] 上野：はい", PII_PERSON, "林"},
		{"[10:15] 杉（農協）：出荷は明日です", PII_PERSON, "杉"},
		{"[9:02] 東（農協）：了解です", PII_PERSON, NULL},
		/* minutes without markers: a surname, a unit and a title
		 * after a speaker's line; a heading alone is no one */
		{"平田 一郎委員長　教育委員会から説明を。\n松本学校教育課長　給食費の改定は来年度です。",
		 PII_PERSON, "松本"},
		{"議題\n松本学校教育課長　挨拶", PII_PERSON, NULL},
		/* a unit and a surname opening a note in brackets before 、 */
		{"同行：（高齢福祉課 村上、民生委員）", PII_PERSON, "村上"},
		{"（市民課 窓口、電話）", PII_PERSON, NULL},
		/* a surname after は before its mobile in brackets and まで
		 * or へ; an office before a landline is no one */
		{"お申し込みは佐々木（080-1234-5678）へご連絡ください。", PII_PERSON, "佐々木"},
		{"窓口は本庁（0234-22-1111）まで。", PII_PERSON, NULL},
		/* katakana words before a member's title, one a name
		 * ENAMDICT lists; a committee's words are none */
		{"ジョンソン・ルーカス講師の授業は来週からです。", PII_PERSON, "ジョンソン・ルーカス"},
		{"スポーツ・レクリエーション委員の募集", PII_PERSON, NULL},
		/* a workplace's head after a surname; a library's or a
		 * hospital's head unnamed is no one */
		{"協力企業の川村店長から連絡があった。", PII_PERSON, "川村"},
		{"小林院長に確認しました。", PII_PERSON, "小林"},
		{"図書館長の挨拶、市民病院長より説明。", PII_PERSON, NULL},
		/* a place read as a glued full name before の and another's
		 * surname with an honorific is no one; a full name before
		 * its own relation stays */
		{"大久保の田中さんから電話がありました。", PII_PERSON, "田中"},
		{"下山田の高橋さんの畑", PII_PERSON, "高橋"},
		{"山田花子の母から電話", PII_PERSON, "山田花子"},
		{"山田太郎の息子さんが来庁した。", PII_PERSON, "山田太郎"},
		{"田中一郎の奥様から電話がありました。", PII_PERSON, "田中一郎"},
	};
	CHECK_INT(probes_failing(sc, probes, YK_ARRAY_LEN(probes)), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The places and mailboxes of the thirty-third set's misses (blind batches
 * 418-421), each rule on probes of other names and towns: want is the
 * span's exact text, or NULL where no span of the type may be found
 * (look-alikes). */
TEST(thirty_third_set_numbers_and_places)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const struct probe probes[] = {
		/* a named dwelling after the block, a particle going on with
		 * the sentence; a dwelling's word alone is no name */
		{"2名とも青葉市北町字上原4-7 北町寮へ送った。", PII_ADDRESS, "青葉市北町字上原4-7 北町寮"},
		{"住所はみどり市本町3-4-5 ひばりハイツの2階", PII_ADDRESS,
		 "みどり市本町3-4-5 ひばりハイツ"},
		{"みどり市本町3-4-5 寮の近く", PII_ADDRESS, "みどり市本町3-4-5"},
		/* kana glued before the dwelling's word after its kanji, though
		 * they open or end like a particle; a phrase opens with one */
		{"（みどり市港町1-2-3 第一かもめ荘）に転居", PII_ADDRESS,
		 "みどり市港町1-2-3 第一かもめ荘"},
		{"返戻：宛先 南野市浜町4-1-9 第三なぎさ寮、転居先不明", PII_ADDRESS,
		 "南野市浜町4-1-9 第三なぎさ寮"},
		{"自宅はみどり市本町3-4-5 すぐの寮の隣", PII_ADDRESS, "みどり市本町3-4-5"},
		/* 大字 after a word's particle or a space; 大字 as a word */
		{"[9:02] 佐藤：現場は大字北浦1203番地3です", PII_ADDRESS, "大字北浦1203番地3"},
		{"明日 大字上野55番地 の牛舎へ行きます", PII_ADDRESS, "大字上野55番地"},
		{"この大字は12世帯", PII_ADDRESS, NULL},
		{"大字で書いてください。12番の窓口へ", PII_ADDRESS, NULL},
		/* a relative's district to its 丁目 before 在住 in brackets
		 * after the honorific; without 在住, or in a sentence, a place */
		{"長女の森 さくらさん（青葉市中央3丁目在住）", PII_ADDRESS, "青葉市中央3丁目"},
		{"兄 川村 修様（南野市浜町二丁目在住）より", PII_ADDRESS, "南野市浜町二丁目"},
		{"佐藤様（青葉市中央二丁目）", PII_ADDRESS, NULL},
		{"対象：青葉市中央二丁目在住の方", PII_ADDRESS, NULL},
		/* a facility named by its municipality: its bracket is its
		 * own; a home or a plain word before the bracket is not */
		{"保管場所：みどり市水防倉庫（大字北浦88番地）", PII_ADDRESS, NULL},
		{"納品先：青葉町給食センター分室（青葉町本町3-4-5）", PII_ADDRESS, NULL},
		{"長男は青葉市営住宅（青葉市本町3-4-5）に入居", PII_ADDRESS, "青葉市本町3-4-5"},
		{"倉庫（青葉町本町3-4-5）の解体", PII_ADDRESS, "青葉町本町3-4-5"},
		/* a one-word mailbox at the city's domain that reads as a
		 * name, under the line naming its section; alone, or under a
		 * staff member's name, it stays */
		{"問合せ：南野市 農林課 森林係 0880-11-2233\nメール：shinrin@city.minamino.kochi.jp",
		 PII_EMAIL, NULL},
		{"メール：shinrin@city.minamino.kochi.jp", PII_EMAIL, "shinrin@city.minamino.kochi.jp"},
		{"担当：森林係 川上 0880-11-2233\nメール：sakura@city.minamino.kochi.jp", PII_EMAIL,
		 "sakura@city.minamino.kochi.jp"},
		/* a farm's 所在地 under its keeper's name; a company's farm */
		{"報告者：川村 一郎\n牧場所在地：みどり市大字北浦1203番地\n電話：090-1111-2222", PII_ADDRESS,
		 "みどり市大字北浦1203番地"},
		{"事業者：株式会社青葉ファーム\n農場所在地：みどり市大字北浦1203番地", PII_ADDRESS, NULL},
	};
	CHECK_INT(probes_failing(sc, probes, YK_ARRAY_LEN(probes)), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The names of the thirty-fourth set's misses (blind batches 426-429),
 * each rule on probes of other names and towns: want is the span's exact
 * text, or NULL where no PERSON span may be found (look-alikes). */
TEST(thirty_fourth_set_names)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const struct probe probes[] = {
		/* 君 in a minutes speaker's bracket is the honorific, and the
		 * name called before it is the name without it */
		{"○5番（大川 里美君）子育て支援について伺います。", PII_PERSON, "大川 里美"},
		{"次に、12番 森田 健一君。\n○12番（森田 健一君）除雪について伺います。", PII_PERSON,
		 "森田 健一"},
		/* what staff do after a surname and a space is no given name */
		{"訪問記録\n11/20 保健師 水谷 訪問\n母：佐藤 花子", PII_PERSON, "水谷"},
		{"家庭訪問\n担当 森本 同行\n対象：田中 一郎", PII_PERSON, "森本"},
		{"記録者 今井 優子\n対象者：田中 一郎", PII_PERSON, "今井 優子"},
		/* a taker after 受 and a space closing a bracket; a unit or a
		 * word there is no one */
		{"折り返し希望 090-1111-2222。（受 村岡）", PII_PERSON, "村岡"},
		{"電話あり。（受 市民課）", PII_PERSON, NULL},
		/* a staff title in 長, a space and a surname before a particle;
		 * what the holder does is no surname */
		{"夜間は課長 小野寺の携帯（090-1234-5678）へ。", PII_PERSON, "小野寺"},
		{"連絡は係長 高畑まで。", PII_PERSON, "高畑"},
		{"課長 出張のため不在。", PII_PERSON, NULL},
		/* a label ending in の names the word after it, not a place
		 * further on; a bracket after its noun, or a sibling, it does */
		{"妻の転勤で福岡へ転居予定。", PII_PERSON, NULL},
		{"長女の進学で札幌へ引っ越し。", PII_PERSON, NULL},
		{"妻の旧姓（小松）を併記。", PII_PERSON, "小松"},
		{"弟の悠真は小学生です。", PII_PERSON, "悠真"},
		/* a surname of one kanji glued before a staff role after 、;
		 * a word that opens the role is no surname */
		{"○部長（竹下 和夫君） 嘱託職員2名、林支援員が常駐しております。", PII_PERSON, "林"},
		{"○課長（竹下 和夫君） 配置について、各相談員が対応します。", PII_PERSON, "竹下 和夫"},
		{"訪問看護ステーションの正看護師が同行。", PII_PERSON, NULL},
		/* a surname MeCab cut after a prefix, before an honorific */
		{"今夜の当番は広部さんと交代です。", PII_PERSON, "広部"},
		/* a spaced full name after a clause, before です; spaced words
		 * that are no surname stay */
		{"青葉市本町1-2-3に住んでいる王 芳です。よろしくお願いします。", PII_PERSON, "王 芳"},
		{"市内で働いている金 英哲です、質問があります。", PII_PERSON, "金 英哲"},
		{"図書館に来ている 本日 休館です。", PII_PERSON, NULL},
		{"住んでいる町 北区です。", PII_PERSON, NULL},
		/* a job's word in katakana glued before a surname and its
		 * honorific; a place after katakana without one stays */
		{"配車はドライバー西さんが担当します。", PII_PERSON, "西"},
		{"センター南駅で降りてください。", PII_PERSON, NULL},
		/* a route's stops joined by arrows are no names */
		{"路線：青葉台 → 中山 → 市役所前 → 駅前\n平日 7:05", PII_PERSON, NULL},
	};
	CHECK_INT(probes_failing(sc, probes, YK_ARRAY_LEN(probes)), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The rooms, phones and codes of the thirty-fourth set's misses (blind
 * batches 426-429), each rule on probes of other names and towns. */
TEST(thirty_fourth_set_numbers_and_places)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const struct probe probes[] = {
		/* the desk that takes a notice's applications, before or
		 * after its landline; an applicant's, or one's home, is kept */
		{"主催 みどり市商工観光課。申込 0476-21-3344", PII_PHONE, NULL},
		{"定員20名です。0476-21-3344 へお申込みください。", PII_PHONE, NULL},
		{"申込先：0155-22-1100", PII_PHONE, NULL},
		{"自宅 0155-22-1100 までお申し込みを", PII_PHONE, "0155-22-1100"},
		{"申込者 山田 花子 0476-22-1234", PII_PHONE, "0476-22-1234"},
		/* a system's code or key named by its word, a product's bar
		 * code: no phone, no My Number, no corporate number */
		{"委託者コード 0312456789、振替日 3月27日", PII_PHONE, NULL},
		{"照合キー 512055730912（センター付番）", PII_JP_MY_NUMBER, NULL},
		{"タオル 2枚組 JAN 3912345678904 寄附額 6,000円", PII_JP_CORPORATE_NUMBER, NULL},
		{"個人番号 512055730912", PII_JP_MY_NUMBER, "512055730912"},
		{"法人番号 3912345678904", PII_JP_CORPORATE_NUMBER, "3912345678904"},
		/* a resident's room in brackets after an honorific or お住まい,
		 * alone or glued to its block of flats; a phrase in the bracket
		 * or a meeting room is no home */
		{"チャンさん（402号室）から、ゴミ置き場の件で相談がありました。", PII_ADDRESS, "402号室"},
		{"督促状\n大野 健一 様（ライオンズマンション緑町402号室）\n管理費の滞納について",
		 PII_ADDRESS, "ライオンズマンション緑町402号室"},
		{"お住まい（サンクレスト北浜304号室）の騒音について", PII_ADDRESS,
		 "サンクレスト北浜304号室"},
		{"グエンさん（寮の203号室の方）から相談", PII_ADDRESS, NULL},
		{"研修は第2会議室（203号室）で行います。", PII_ADDRESS, NULL},
		/* a room opening a roll's row with the resident's phone; a
		 * hall's rooms carry none */
		{"402号室\t佐藤 一郎\t3人\t090-1234-5678\t高齢者あり", PII_ADDRESS, "402号室"},
		{"101号室,田中 花子,070-3333-4444", PII_ADDRESS, "101号室"},
		{"201号室\t会議室A\t30人\t利用可\n202号室\t会議室B\t20人\t利用可", PII_ADDRESS, NULL},
		/* a table whose rows open with a shelter's name and name no
		 * person: the shelters' addresses and phones; with a name
		 * column, the evacuees' */
		{"避難所名\t所在地\t収容人数\t電話\n特養あおば荘（福祉避難所）\t緑川市本郷町4-7\t30\t"
		 "0853-22-7711",
		 PII_PHONE, NULL},
		{"避難所名\t所在地\t収容人数\t電話\n特養あおば荘（福祉避難所）\t緑川市本郷町4-7\t30\t"
		 "0853-22-7711",
		 PII_ADDRESS, NULL},
		{"避難所名\t氏名\t電話\n北部公民館\t山本 和夫\t090-1111-2222", PII_PHONE,
		 "090-1111-2222"},
	};
	CHECK_INT(probes_failing(sc, probes, YK_ARRAY_LEN(probes)), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The names of the thirty-fifth set's misses (blind batches 434-437), each
 * rule on probes of other names and towns: want is the span's exact text,
 * or NULL where no span of the type may be found (look-alikes). */
TEST(thirty_fifth_set_names)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const struct probe probes[] = {
		/* a place before its municipality's unit or before its head
		 * and the head's name; a surname before 市長 alone or before
		 * 市民課長 is a person */
		{"第12号\n令和8年4月1日\n各地区民生委員・児童委員 様\n潮霧市保健福祉部長\n冬季の見守り",
		 PII_PERSON, NULL},
		/* (session 25: the head's name closing its line in a text of
		 * several lines signs it, as the labelled files leave it) */
		{"次のとおり告示する。\n令和8年4月1日\n潮霧市長 森田 孝雄\n1 用途廃止する住宅",
		 PII_PERSON, NULL},
		{"潮霧市長 森田 孝雄が挨拶した。", PII_PERSON, "森田 孝雄"},
		{"田中市長が挨拶した。", PII_PERSON, "田中"},
		/* a place of the town that takes its name (団地, 魚市場); a
		 * surname after 団地の stays */
		{"団地名\t管理戸数\n汐森台団地\t120\n岬鳴団地\t60", PII_PERSON, NULL},
		{"汐森魚市場 9月の水揚げ実績：イカ 300t", PII_PERSON, NULL},
		{"団地の田中さんから電話", PII_PERSON, "田中"},
		/* a header's class of households bounded by an age; a family
		 * in a row stays */
		{"地区名\t世帯数\t入居世帯\t75歳以上単身世帯\n東区\t120\t110\t12", PII_PERSON, NULL},
		{"吉田世帯\t3人\t090-1111-2222", PII_PERSON, "吉田"},
		/* an inn's name after its kind; a person after the inn's
		 * words stays */
		{"事業者名\t代表者\n有限会社汐森観光（旅館 汐森楼）\t大野 誠", PII_PERSON, "大野 誠"},
		{"旅館の女将 松浦 和子さん", PII_PERSON, "松浦 和子"},
		/* days of the week and exams' acronyms before a score; a
		 * month that is a given name stays */
		{"Interpreters (Vietnamese) are available on Mondays.", PII_PERSON, NULL},
		{"任用期間：令和9年4月1日～\n語学：英語（TOEFL 95）", PII_PERSON, NULL},
		{"長女 May（小2）の申請", PII_PERSON, "May"},
		/* a surname of three kanji whole before さん or 様 */
		{"茂井田さんから電話あり、折り返しお願いします（090-1111-2222）", PII_PERSON, "茂井田"},
		{"河原崎様からの依頼", PII_PERSON, "河原崎"},
		/* a unit's member before まで or へ and 連絡; the unit's
		 * office or desk is no one */
		{"詳細は福祉課の高畑へご連絡ください。", PII_PERSON, "高畑"},
		{"欠席の場合は前日までに学校教育課の宮脇まで連絡。", PII_PERSON, "宮脇"},
		{"変更は教育委員会の事務局まで連絡。", PII_PERSON, NULL},
		{"不明な点は市民課の窓口にご連絡ください。", PII_PERSON, NULL},
	};
	CHECK_INT(probes_failing(sc, probes, YK_ARRAY_LEN(probes)), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The numbers and places of the thirty-fifth set's misses (blind batches
 * 434-437), each rule on probes of other names and towns: want is the
 * span's exact text, or NULL where no span of the type may be found. */
TEST(thirty_fifth_set_numbers_and_places)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const struct probe probes[] = {
		/* a helper's mobile in brackets after the name that follows a
		 * role's label (受付, 予約); a number's label or a time is no
		 * name */
		{"受付：石黒 かな子（080-3321-9047）", PII_PHONE, "080-3321-9047"},
		{"予約：森 大地（070-2214-3390）", PII_PHONE, "070-2214-3390"},
		{"受付番号：（090-8817-4036）", PII_PHONE, NULL},
		{"受付：09:00（090-8817-4036）", PII_PHONE, NULL},
		/* a private phone set against the office's mobile */
		{"公用携帯は課長が持っているので、私用の 080-5521-7730 へ。", PII_PHONE,
		 "080-5521-7730"},
		{"公用携帯 080-5521-7730", PII_PHONE, NULL},
		/* the card a payment used, its brand unknown; another card's
		 * name is not a payment's */
		{"使用カード：5900123412341232", PII_CREDIT_CARD, "5900123412341232"},
		{"利用カード 5900123412341232", PII_CREDIT_CARD, "5900123412341232"},
		{"在留カード：5900123412341232", PII_CREDIT_CARD, NULL},
		/* a product's bar code under 商品コード; a corporate number
		 * under its own word */
		{"商品コード 4912345678911　手ぬぐい（紺）", PII_JP_CORPORATE_NUMBER, NULL},
		{"法人番号 4912345678911", PII_JP_CORPORATE_NUMBER, "4912345678911"},
		/* a British or Australian address opening with its flat */
		{"住所：Flat 2B, 15 Elm Street, Leeds LS6 2AR, United Kingdom", PII_ADDRESS,
		 "Flat 2B, 15 Elm Street, Leeds LS6 2AR, United Kingdom"},
		{"Address: Unit 12, 40 King Street, Newtown NSW 2042, Australia", PII_ADDRESS,
		 "Unit 12, 40 King Street, Newtown NSW 2042, Australia"},
		/* a kin's home with its address in brackets, whatever office
		 * the sentence named before; a housing's name is no kin */
		{"理由：中学校の部活動が終わるまで、叔母宅（舞鶴市字北吸1044番地）で過ごすため。",
		 PII_ADDRESS, "舞鶴市字北吸1044番地"},
		/* a hamlet's lot alone where someone lives; a road's or a
		 * building's lot is not */
		{"。北浦88番地の川村 トメさんが入院しました。", PII_ADDRESS, "北浦88番地"},
		{"福祉課 御中\n上野間305番地の家に住む者です。", PII_ADDRESS, "上野間305番地"},
		{"市道上野間305番地の舗装工事を行う。", PII_ADDRESS, NULL},
		{"会議室は本館3番地の建物です。", PII_ADDRESS, NULL},
		/* a section's mailbox under its office's address and
		 * switchboard lines; a staff member named there owns hers */
		{"北川村役場 企画課 移住係\n〒781-6401 高知県安芸郡北川村野友甲1530番地\n"
		 "TEL 0887-32-1111（代表）　FAX 0887-32-1234\nメール iju@vill.kitagawa.kochi.jp",
		 PII_EMAIL, NULL},
		{"北川村役場 企画課\n担当 山田 花子\nTEL 0887-32-1111（代表）\n"
		 "メール yamada@vill.kitagawa.kochi.jp",
		 PII_EMAIL, "yamada@vill.kitagawa.kochi.jp"},
		/* a company's landline in its row with its corporate number;
		 * a sole trader's mobile is kept */
		{"事業者名,代表者,法人番号,電話\n有限会社みなと水産,石川 浩二,8490547928264,"
		 "0153-64-7711",
		 PII_PHONE, NULL},
		{"屋号\t代表者\t法人番号\t連絡先\n民宿 かもめ荘\t佐野 和子\t（個人事業）\t"
		 "080-4411-2290",
		 PII_PHONE, "080-4411-2290"},
		/* a My Number one digit short, its digits counted by the
		 * text; another number's label is not My Number's */
		{"申告書のマイナンバー欄「38150627741」（11桁）のため返戻。", PII_JP_MY_NUMBER,
		 "38150627741"},
		{"世帯番号 38150627741（11桁）", PII_JP_MY_NUMBER, NULL},
		/* a family business named with the surname of the person the
		 * note is about; a company of another name is its own */
		{"年末調整の確認\n片山 恵美子様の源泉徴収票に記載漏れ。事業所：片山製作所 0584-22-1180 "
		 "に照会する。",
		 PII_PHONE, "0584-22-1180"},
		{"年末調整の確認\n片山 恵美子様の源泉徴収票に記載漏れ。事業所：大垣精工株式会社 "
		 "0584-22-1180 に照会する。",
		 PII_PHONE, NULL},
	};
	CHECK_INT(probes_failing(sc, probes, YK_ARRAY_LEN(probes)), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Quality gate of the issue (recall > 0.97, precision > 0.95) on the whole
 * evaluation set; the benchmark prints the per-type figures. */
TEST(evaluation_set_meets_targets)
{
	struct yk_buf allow;
	yk_buf_init(&allow, 1u << 20);
	REQUIRE(markup_read_file(ALLOW, &allow) == 0);
	struct pii_detector *d = detector(allow.data);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	double recall, precision;
	const char *files[] = {"tests/data/pii/eval.txt", "tests/data/pii/eval_holdout.txt"};
	CHECK(score_files(sc, files, YK_ARRAY_LEN(files), "evaluation", &recall, &precision) >= 300);
	CHECK(recall > 0.97);
	CHECK(precision > 0.95);
	/* the blind batches of issue 14 (six kinds of municipal documents):
	 * their rules are trained on now, so the gate is the issue's target */
	const char *blind[] = {"tests/data/pii/eval_blind06.txt", "tests/data/pii/eval_blind07.txt",
			       "tests/data/pii/eval_blind08.txt", "tests/data/pii/eval_blind09.txt",
			       "tests/data/pii/eval_blind10.txt", "tests/data/pii/eval_blind11.txt"};
	CHECK(score_files(sc, blind, YK_ARRAY_LEN(blind), "blind batches", &recall, &precision) >=
	      500);
	CHECK(recall >= 0.95);
	CHECK(precision >= 0.95);
	/* blind batches 12, 13, 14 and 16, trained on in the third round (15
	 * and 17 stay held out: they are not read here, so their lines are
	 * never printed); at the third round: recall 0.959, precision 0.973 */
	const char *third[] = {"tests/data/pii/eval_blind12.txt", "tests/data/pii/eval_blind13.txt",
			       "tests/data/pii/eval_blind14.txt", "tests/data/pii/eval_blind16.txt"};
	CHECK(score_files(sc, third, YK_ARRAY_LEN(third), "blind batches 12-14, 16", &recall,
			  &precision) >= 550);
	CHECK(recall >= 0.95);
	CHECK(precision >= 0.95);
	/* blind batches 15, 17, 18 and 20, trained on in the fourth round (19
	 * and 21 stay held out and are not read here); at the fourth round:
	 * recall 0.951, precision 0.989 */
	const char *fourth[] = {"tests/data/pii/eval_blind15.txt", "tests/data/pii/eval_blind17.txt",
				"tests/data/pii/eval_blind18.txt", "tests/data/pii/eval_blind20.txt"};
	CHECK(score_files(sc, fourth, YK_ARRAY_LEN(fourth), "blind batches 15, 17, 18, 20", &recall,
			  &precision) >= 550);
	CHECK(recall >= 0.94);
	CHECK(precision >= 0.95);
	/* blind batches 22-25, written after the fourth round and scored once
	 * at its first run (recall 0.913, precision 0.967, docs/pii.md): a
	 * regression gate at that figure, not the issue's target */
	const char *fifth[] = {"tests/data/pii/eval_blind22.txt", "tests/data/pii/eval_blind23.txt",
			       "tests/data/pii/eval_blind24.txt", "tests/data/pii/eval_blind25.txt"};
	CHECK(score_files(sc, fifth, YK_ARRAY_LEN(fifth), "blind batches 22-25", &recall,
			  &precision) >= 540);
	CHECK(recall >= 0.91);
	CHECK(precision >= 0.96);
	/* blind batches 19, 21 and 22-24, trained on in the fifth round (25
	 * was held out); at the fifth round: recall 0.965, precision 0.985 */
	const char *sixth[] = {"tests/data/pii/eval_blind19.txt", "tests/data/pii/eval_blind21.txt",
			       "tests/data/pii/eval_blind22.txt", "tests/data/pii/eval_blind23.txt",
			       "tests/data/pii/eval_blind24.txt"};
	CHECK(score_files(sc, sixth, YK_ARRAY_LEN(sixth), "blind batches 19, 21, 22-24", &recall,
			  &precision) >= 650);
	CHECK(recall >= 0.95);
	CHECK(precision >= 0.97);
	/* blind batches 26-29, written during the fifth round by helpers that
	 * never saw the detector, scored once at the fifth round's first run
	 * (recall 0.866, precision 0.946, docs/pii.md): a regression gate at
	 * that figure, not the issue's target */
	const char *seventh[] = {"tests/data/pii/eval_blind26.txt", "tests/data/pii/eval_blind27.txt",
				 "tests/data/pii/eval_blind28.txt", "tests/data/pii/eval_blind29.txt"};
	CHECK(score_files(sc, seventh, YK_ARRAY_LEN(seventh), "blind batches 26-29", &recall,
			  &precision) >= 760);
	CHECK(recall >= 0.86);
	CHECK(precision >= 0.94);
	/* blind batches 30-33, written during the sixth round by helpers that
	 * never saw the detector, scored once at the sixth round's first run
	 * (recall 0.920, precision 0.940, docs/pii.md): a regression gate at
	 * that figure, not the issue's target */
	const char *eighth[] = {"tests/data/pii/eval_blind30.txt", "tests/data/pii/eval_blind31.txt",
				"tests/data/pii/eval_blind32.txt", "tests/data/pii/eval_blind33.txt"};
	CHECK(score_files(sc, eighth, YK_ARRAY_LEN(eighth), "blind batches 30-33", &recall,
			  &precision) >= 880);
	CHECK(recall >= 0.92);
	CHECK(precision >= 0.94);
	/* blind batches 34-37, written after the seventh round by helpers that
	 * never saw the detector, scored once at its first run (recall 0.929,
	 * precision 0.961, docs/pii.md): a regression gate at that figure */
	const char *ninth[] = {"tests/data/pii/eval_blind34.txt", "tests/data/pii/eval_blind35.txt",
			       "tests/data/pii/eval_blind36.txt", "tests/data/pii/eval_blind37.txt"};
	CHECK(score_files(sc, ninth, YK_ARRAY_LEN(ninth), "blind batches 34-37", &recall,
			  &precision) >= 810);
	CHECK(recall >= 0.92);
	CHECK(precision >= 0.96);
	/* blind batches 38-41, written during the eighth round by helpers that
	 * never saw the detector, scored once after it was merged (recall
	 * 0.930, precision 0.950, docs/pii.md): a regression gate at that
	 * figure */
	const char *tenth[] = {"tests/data/pii/eval_blind38.txt", "tests/data/pii/eval_blind39.txt",
			       "tests/data/pii/eval_blind40.txt", "tests/data/pii/eval_blind41.txt"};
	CHECK(score_files(sc, tenth, YK_ARRAY_LEN(tenth), "blind batches 38-41", &recall,
			  &precision) >= 810);
	CHECK(recall >= 0.92);
	CHECK(precision >= 0.94);
	/* blind batches 42-45, written during the ninth round by helpers that
	 * never saw the detector, scored once after it was merged (recall
	 * 0.940, precision 0.974, docs/pii.md): a regression gate at that
	 * figure */
	const char *eleventh[] = {"tests/data/pii/eval_blind42.txt", "tests/data/pii/eval_blind43.txt",
				  "tests/data/pii/eval_blind44.txt", "tests/data/pii/eval_blind45.txt"};
	CHECK(score_files(sc, eleventh, YK_ARRAY_LEN(eleventh), "blind batches 42-45", &recall,
			  &precision) >= 760);
	CHECK(recall >= 0.93);
	CHECK(precision >= 0.97);
	/* blind batches 46-49, written during the tenth round by helpers that
	 * never saw the detector, scored once after it was merged (recall
	 * 0.960, precision 0.952, docs/pii.md): a regression gate at that
	 * figure */
	const char *twelfth[] = {"tests/data/pii/eval_blind46.txt", "tests/data/pii/eval_blind47.txt",
				 "tests/data/pii/eval_blind48.txt", "tests/data/pii/eval_blind49.txt"};
	CHECK(score_files(sc, twelfth, YK_ARRAY_LEN(twelfth), "blind batches 46-49", &recall,
			  &precision) >= 740);
	CHECK(recall >= 0.95);
	CHECK(precision >= 0.95);
	/* blind batches 50-53, written on 2026-12-03 by helpers that never saw
	 * the detector and scored once with the tenth round's rules before
	 * any change (recall 0.959, precision 0.959, docs/pii.md): a
	 * regression gate at that first-run figure */
	const char *thirteenth[] = {"tests/data/pii/eval_blind50.txt", "tests/data/pii/eval_blind51.txt",
				    "tests/data/pii/eval_blind52.txt", "tests/data/pii/eval_blind53.txt"};
	CHECK(score_files(sc, thirteenth, YK_ARRAY_LEN(thirteenth), "blind batches 50-53", &recall,
			  &precision) >= 700);
	CHECK(recall >= 0.95);
	CHECK(precision >= 0.95);
	/* blind batches 54-57, written on 2026-12-03 during the eleventh
	 * round by helpers that never saw the detector, scored once before and
	 * once after it (recall 0.923, precision 0.943 both times, docs/pii.md):
	 * a regression gate at that first-run figure */
	const char *fourteenth[] = {"tests/data/pii/eval_blind54.txt", "tests/data/pii/eval_blind55.txt",
				    "tests/data/pii/eval_blind56.txt", "tests/data/pii/eval_blind57.txt"};
	CHECK(score_files(sc, fourteenth, YK_ARRAY_LEN(fourteenth), "blind batches 54-57", &recall,
			  &precision) >= 690);
	CHECK(recall >= 0.92);
	CHECK(precision >= 0.94);
	/* blind batches 58-61, written on 2026-12-03 during the twelfth round
	 * by helpers that never saw the detector, scored once after it (recall
	 * 0.916, precision 0.932; before it 0.904 / 0.931, docs/pii.md): a
	 * regression gate at that first-run figure */
	const char *fifteenth[] = {"tests/data/pii/eval_blind58.txt", "tests/data/pii/eval_blind59.txt",
				   "tests/data/pii/eval_blind60.txt", "tests/data/pii/eval_blind61.txt"};
	CHECK(score_files(sc, fifteenth, YK_ARRAY_LEN(fifteenth), "blind batches 58-61", &recall,
			  &precision) >= 750);
	CHECK(recall >= 0.91);
	CHECK(precision >= 0.93);
	/* batches 62-65, written during the thirteenth round: first run with
	 * the twelfth round's rules P 0.946 R 0.931, after the thirteenth round
	 * P 0.951 R 0.949 (docs/pii.md) */
	const char *sixteenth[] = {"tests/data/pii/eval_blind62.txt", "tests/data/pii/eval_blind63.txt",
				   "tests/data/pii/eval_blind64.txt", "tests/data/pii/eval_blind65.txt"};
	CHECK(score_files(sc, sixteenth, YK_ARRAY_LEN(sixteenth), "blind batches 62-65", &recall,
			  &precision) >= 760);
	CHECK(recall >= 0.94);
	CHECK(precision >= 0.95);
	/* batches 66-69, written during the fourteenth round: first run with
	 * the thirteenth round's rules P 0.967 R 0.942, after the fourteenth
	 * round P 0.968 R 0.945 (docs/pii.md) */
	const char *seventeenth[] = {"tests/data/pii/eval_blind66.txt", "tests/data/pii/eval_blind67.txt",
				     "tests/data/pii/eval_blind68.txt", "tests/data/pii/eval_blind69.txt"};
	CHECK(score_files(sc, seventeenth, YK_ARRAY_LEN(seventeenth), "blind batches 66-69", &recall,
			  &precision) >= 770);
	CHECK(recall >= 0.94);
	CHECK(precision >= 0.96);
	/* batches 70-73, written during the fifteenth round: first run with
	 * the fourteenth round's rules P 0.967 R 0.935, after the fifteenth
	 * round P 0.968 R 0.939 (docs/pii.md) */
	const char *eighteenth[] = {"tests/data/pii/eval_blind70.txt", "tests/data/pii/eval_blind71.txt",
				    "tests/data/pii/eval_blind72.txt", "tests/data/pii/eval_blind73.txt"};
	CHECK(score_files(sc, eighteenth, YK_ARRAY_LEN(eighteenth), "blind batches 70-73", &recall,
			  &precision) >= 830);
	CHECK(recall >= 0.93);
	CHECK(precision >= 0.96);
	/* batches 74-77, written during the sixteenth round: first run with
	 * the fifteenth round's rules P 0.978 R 0.932, after the sixteenth
	 * round P 0.981 R 0.937 (docs/pii.md) */
	const char *nineteenth[] = {"tests/data/pii/eval_blind74.txt", "tests/data/pii/eval_blind75.txt",
				    "tests/data/pii/eval_blind76.txt", "tests/data/pii/eval_blind77.txt"};
	CHECK(score_files(sc, nineteenth, YK_ARRAY_LEN(nineteenth), "blind batches 74-77", &recall,
			  &precision) >= 760);
	CHECK(recall >= 0.93);
	CHECK(precision >= 0.97);
	/* batches 78-81, written during the seventeenth round: first run with
	 * the sixteenth round's rules P 0.954 R 0.921, after the seventeenth
	 * round P 0.956 R 0.931 (docs/pii.md) */
	const char *twentieth[] = {"tests/data/pii/eval_blind78.txt", "tests/data/pii/eval_blind79.txt",
				   "tests/data/pii/eval_blind80.txt", "tests/data/pii/eval_blind81.txt"};
	CHECK(score_files(sc, twentieth, YK_ARRAY_LEN(twentieth), "blind batches 78-81", &recall,
			  &precision) >= 800);
	CHECK(recall >= 0.92);
	CHECK(precision >= 0.95);
	/* batches 82-85, written during the eighteenth round: first run with
	 * the seventeenth round's rules P 0.964 R 0.933, after the eighteenth
	 * round P 0.964 R 0.934 (docs/pii.md) */
	const char *twenty_first[] = {"tests/data/pii/eval_blind82.txt", "tests/data/pii/eval_blind83.txt",
				      "tests/data/pii/eval_blind84.txt", "tests/data/pii/eval_blind85.txt"};
	CHECK(score_files(sc, twenty_first, YK_ARRAY_LEN(twenty_first), "blind batches 82-85", &recall,
			  &precision) >= 770);
	CHECK(recall >= 0.93);
	CHECK(precision >= 0.96);
	/* batches 86-89 and 90-93, written before the learned name model
	 * (src/pii/pii_learn.c) was built and scored before it entered the
	 * build: rules alone P 0.977 R 0.944 and P 0.965 R 0.957; with the
	 * model trained on everything before them P 0.971 R 0.954 and P 0.964
	 * R 0.971 (docs/pii.md; the build's model now trains on them too) */
	const char *learned[] = {"tests/data/pii/eval_blind86.txt", "tests/data/pii/eval_blind87.txt",
				 "tests/data/pii/eval_blind88.txt", "tests/data/pii/eval_blind89.txt"};
	CHECK(score_files(sc, learned, YK_ARRAY_LEN(learned), "blind batches 86-89", &recall,
			  &precision) >= 700);
	CHECK(recall >= 0.95);
	CHECK(precision >= 0.97);
	const char *learned2[] = {"tests/data/pii/eval_blind90.txt", "tests/data/pii/eval_blind91.txt",
				  "tests/data/pii/eval_blind92.txt", "tests/data/pii/eval_blind93.txt"};
	CHECK(score_files(sc, learned2, YK_ARRAY_LEN(learned2), "blind batches 90-93", &recall,
			  &precision) >= 710);
	CHECK(recall >= 0.97);
	CHECK(precision >= 0.96);
	/* batches 94-97, written while the nineteenth round was made: first
	 * run, rules alone P 0.970 R 0.950, with the model and the nineteenth
	 * round P 0.969 R 0.960 (docs/pii.md) */
	const char *learned3[] = {"tests/data/pii/eval_blind94.txt", "tests/data/pii/eval_blind95.txt",
				  "tests/data/pii/eval_blind96.txt", "tests/data/pii/eval_blind97.txt"};
	CHECK(score_files(sc, learned3, YK_ARRAY_LEN(learned3), "blind batches 94-97", &recall,
			  &precision) >= 650);
	CHECK(recall >= 0.96);
	CHECK(precision >= 0.96);
	/* batches 98-101, written at the start of the twentieth round: first
	 * run, rules alone P 0.976 R 0.945, with the model (trained on 06-97)
	 * P 0.969 R 0.958 (docs/pii.md) */
	const char *learned4[] = {"tests/data/pii/eval_blind98.txt", "tests/data/pii/eval_blind99.txt",
				  "tests/data/pii/eval_blind100.txt", "tests/data/pii/eval_blind101.txt"};
	CHECK(score_files(sc, learned4, YK_ARRAY_LEN(learned4), "blind batches 98-101", &recall,
			  &precision) >= 750);
	CHECK(recall >= 0.95);
	CHECK(precision >= 0.96);
	/* batches 102-105, written during the twentieth round: first run,
	 * before it (rules of the nineteenth round, the model trained on
	 * 06-101) P 0.951 R 0.957, after it P 0.954 R 0.961 (docs/pii.md).
	 * Held out: the build's model does not train on heldout_*.txt, so
	 * this stays the model's figure on text it has not seen */
	const char *learned5[] = {
		"tests/data/pii/eval_blind102.txt", "tests/data/pii/eval_blind103.txt",
		"tests/data/pii/eval_blind104.txt", "tests/data/pii/eval_blind105.txt"};
	CHECK(score_files(sc, learned5, YK_ARRAY_LEN(learned5), "blind batches 102-105", &recall,
			  &precision) >= 790);
	CHECK(recall >= 0.95);
	CHECK(precision >= 0.95);
	/* batches 106-109, written on 2026-12-04: first run (the twentieth
	 * round's rules, the model trained on 06-101) P 0.964 R 0.938; the
	 * twenty-first round was made from them (training figure P 0.993 R
	 * 0.981, docs/pii.md) */
	const char *learned6[] = {"tests/data/pii/eval_blind106.txt", "tests/data/pii/eval_blind107.txt",
				  "tests/data/pii/eval_blind108.txt", "tests/data/pii/eval_blind109.txt"};
	CHECK(score_files(sc, learned6, YK_ARRAY_LEN(learned6), "blind batches 106-109", &recall,
			  &precision) >= 560);
	CHECK(recall >= 0.97);
	CHECK(precision >= 0.98);
	/* batches 110-113, written with them and held out from the round and
	 * the model: first run before the round P 0.978 R 0.943, after it P
	 * 0.985 R 0.950 (docs/pii.md) */
	const char *learned7[] = {
		"tests/data/pii/eval_blind110.txt", "tests/data/pii/eval_blind111.txt",
		"tests/data/pii/eval_blind112.txt", "tests/data/pii/eval_blind113.txt"};
	CHECK(score_files(sc, learned7, YK_ARRAY_LEN(learned7), "blind batches 110-113", &recall,
			  &precision) >= 750);
	CHECK(recall >= 0.94);
	CHECK(precision >= 0.97);
	/* batches 114-117, written on 2026-12-04 with the brief's
	 * conventions stated: first run (the twenty-first round's rules) P
	 * 0.926 R 0.973; the twenty-second round was made from them (training
	 * figure P 0.957 R 0.993, docs/pii.md) */
	const char *learned8[] = {"tests/data/pii/eval_blind114.txt", "tests/data/pii/eval_blind115.txt",
				  "tests/data/pii/eval_blind116.txt", "tests/data/pii/eval_blind117.txt"};
	CHECK(score_files(sc, learned8, YK_ARRAY_LEN(learned8), "blind batches 114-117", &recall,
			  &precision) >= 550);
	CHECK(recall >= 0.98);
	CHECK(precision >= 0.94);
	/* batches 118-121, written with them and held out until 2026-12-04
	 * (first run P 0.950 R 0.922); the twenty-third round was made from
	 * them and the model trains on them: training figure P 0.962 R 0.944
	 * before the round's rules, P 0.965 R 0.958 after them (docs/pii.md) */
	const char *learned9[] = {
		"tests/data/pii/eval_blind118.txt", "tests/data/pii/eval_blind119.txt",
		"tests/data/pii/eval_blind120.txt", "tests/data/pii/eval_blind121.txt"};
	CHECK(score_files(sc, learned9, YK_ARRAY_LEN(learned9), "blind batches 118-121", &recall,
			  &precision) >= 660);
	CHECK(recall >= 0.91);
	CHECK(precision >= 0.94);
	/* batches 122-125, written after the twenty-second round and held
	 * out: first run with its final code P 0.983 R 0.956; after the
	 * twenty-third round (the model retrained with 118-121) P 0.984 R
	 * 0.951 (docs/pii.md) */
	const char *learned10[] = {
		"tests/data/pii/eval_blind122.txt", "tests/data/pii/eval_blind123.txt",
		"tests/data/pii/eval_blind124.txt", "tests/data/pii/eval_blind125.txt"};
	CHECK(score_files(sc, learned10, YK_ARRAY_LEN(learned10), "blind batches 122-125", &recall,
			  &precision) >= 590);
	CHECK(recall >= 0.95);
	CHECK(precision >= 0.97);
	/* batches 126-129, written during the twenty-third round and held
	 * out from it: first run before it (5a9a8d4) P 0.974 R 0.927, after
	 * it P 0.974 R 0.931 (docs/pii.md) */
	const char *learned11[] = {
		"tests/data/pii/eval_blind126.txt", "tests/data/pii/eval_blind127.txt",
		"tests/data/pii/eval_blind128.txt", "tests/data/pii/eval_blind129.txt"};
	CHECK(score_files(sc, learned11, YK_ARRAY_LEN(learned11), "blind batches 126-129", &recall,
			  &precision) >= 640);
	CHECK(recall >= 0.92);
	CHECK(precision >= 0.96);
	/* batches 130-133, written on 2026-12-04 (first run at 848f752 P
	 * 0.957 R 0.881); the twenty-fourth round was made from them and the
	 * model trains on them: training figure P 0.998 R 0.995 (docs/pii.md) */
	const char *learned12[] = {
		"tests/data/pii/eval_blind130.txt", "tests/data/pii/eval_blind131.txt",
		"tests/data/pii/eval_blind132.txt", "tests/data/pii/eval_blind133.txt"};
	CHECK(score_files(sc, learned12, YK_ARRAY_LEN(learned12), "blind batches 130-133", &recall,
			  &precision) >= 570);
	CHECK(recall >= 0.98);
	CHECK(precision >= 0.98);
	/* batches 134-137, written with them and held out from the
	 * twenty-fourth round and the model: first run P 0.980 R 0.920,
	 * after that round P 0.978 R 0.920 (docs/pii.md); the twenty-fifth
	 * round's material, trained on since */
	const char *learned13[] = {
		"tests/data/pii/eval_blind134.txt", "tests/data/pii/eval_blind135.txt",
		"tests/data/pii/eval_blind136.txt", "tests/data/pii/eval_blind137.txt"};
	CHECK(score_files(sc, learned13, YK_ARRAY_LEN(learned13), "blind batches 134-137", &recall,
			  &precision) >= 620);
	CHECK(recall >= 0.98); /* training figure after the round: 0.992 */
	CHECK(precision >= 0.98); /* 0.997 */
	/* batches 138-145, written after the twenty-fourth round and held
	 * out from the twenty-fifth and the model: first run (d6df406, nine
	 * readings relabelled to the set's convention) P 0.958 R 0.910, after
	 * the twenty-fifth round P 0.959 R 0.913 (docs/pii.md); trained on
	 * since 2026-12-04 night, the twenty-sixth round's material: training
	 * figure after it P 0.986 R 0.987 */
	const char *learned14[] = {
		"tests/data/pii/eval_blind138.txt", "tests/data/pii/eval_blind139.txt",
		"tests/data/pii/eval_blind140.txt", "tests/data/pii/eval_blind141.txt",
		"tests/data/pii/eval_blind142.txt", "tests/data/pii/eval_blind143.txt",
		"tests/data/pii/eval_blind144.txt", "tests/data/pii/eval_blind145.txt"};
	CHECK(score_files(sc, learned14, YK_ARRAY_LEN(learned14), "blind batches 138-145", &recall,
			  &precision) >= 830);
	/* 0.978 since the model trains on the OCR batches 514-520 (358
	 * files, 2026-12-06; 0.980 or more on 354) */
	CHECK(recall >= 0.975);
	CHECK(precision >= 0.98);
	/* batches 146-149, written on the night of 2026-12-04 with the
	 * readings convention in the brief, held out from every rule and the
	 * model: first run at 0e65bcf P 0.961 R 0.958 as written, after the
	 * twenty-sixth round P 0.962 R 0.958 (docs/pii.md); the twenty-seventh
	 * round's material, trained on since: training figure after it P
	 * 0.979 R 0.998 (twelve of its false alarms are councillors in minutes
	 * that the writer of 148-149 left unlabelled) */
	const char *learned15[] = {
		"tests/data/pii/eval_blind146.txt", "tests/data/pii/eval_blind147.txt",
		"tests/data/pii/eval_blind148.txt", "tests/data/pii/eval_blind149.txt"};
	CHECK(score_files(sc, learned15, YK_ARRAY_LEN(learned15), "blind batches 146-149", &recall,
			  &precision) >= 600);
	CHECK(recall >= 0.98);
	CHECK(precision >= 0.97);
	/* batches 150-153, written the same night with the brief's minutes
	 * convention stated (councillors named in minutes are PERSON), held out
	 * likewise: first run at 863e89e P 0.983 R 0.932 (docs/pii.md); the
	 * twenty-eighth round's material, trained on since */
	const char *learned16[] = {
		"tests/data/pii/eval_blind150.txt", "tests/data/pii/eval_blind151.txt",
		"tests/data/pii/eval_blind152.txt", "tests/data/pii/eval_blind153.txt"};
	CHECK(score_files(sc, learned16, YK_ARRAY_LEN(learned16), "blind batches 150-153", &recall,
			  &precision) >= 550);
	CHECK(recall >= 0.97); /* training figure after the twenty-eighth */
	CHECK(precision >= 0.98); /* round: P 0.998 R 0.977 */
	/* batches 154-157, written the same night from that brief while the
	 * twenty-seventh round was made from 146-149, held out: first run at
	 * 9b1107c P 0.983 R 0.946 (docs/pii.md); the twenty-eighth round's
	 * material, trained on since */
	const char *learned17[] = {
		"tests/data/pii/eval_blind154.txt", "tests/data/pii/eval_blind155.txt",
		"tests/data/pii/eval_blind156.txt", "tests/data/pii/eval_blind157.txt"};
	CHECK(score_files(sc, learned17, YK_ARRAY_LEN(learned17), "blind batches 154-157", &recall,
			  &precision) >= 640);
	CHECK(recall >= 0.98); /* training figure after the twenty-eighth */
	CHECK(precision >= 0.98); /* round: P 0.994 R 0.986 */
	/* batches 158-161, written after the twenty-seventh round, held out:
	 * first run at 5fdf30b P 0.972 R 0.943 (tabs the writers wrote as a backslash and t
	 * restored; docs/pii.md); the twenty-eighth round's material, trained
	 * on since */
	const char *learned18[] = {
		"tests/data/pii/eval_blind158.txt", "tests/data/pii/eval_blind159.txt",
		"tests/data/pii/eval_blind160.txt", "tests/data/pii/eval_blind161.txt"};
	CHECK(score_files(sc, learned18, YK_ARRAY_LEN(learned18), "blind batches 158-161", &recall,
			  &precision) >= 590);
	CHECK(recall >= 0.98); /* training figure after the twenty-eighth */
	CHECK(precision >= 0.98); /* round: P 0.993 R 0.990 */
	/* batches 162-169, written on the night of 2026-12-05 by four helpers
	 * from the same brief, held out from every rule and the model: first
	 * run at 501fe04 P 0.987 R 0.970, after the twenty-eighth round (made
	 * from 150-161) P 0.987 R 0.974 (docs/pii.md) */
	const char *held19[] = {
		"tests/data/pii/eval_blind162.txt", "tests/data/pii/eval_blind163.txt",
		"tests/data/pii/eval_blind164.txt", "tests/data/pii/eval_blind165.txt",
		"tests/data/pii/eval_blind166.txt", "tests/data/pii/eval_blind167.txt",
		"tests/data/pii/eval_blind168.txt", "tests/data/pii/eval_blind169.txt"};
	CHECK(score_files(sc, held19, YK_ARRAY_LEN(held19), "blind batches 162-169", &recall,
			  &precision) >= 1140);
	CHECK(recall >= 0.96);
	CHECK(precision >= 0.97);
	/* batches 170-177, written the same night after the round by four more
	 * helpers, held out likewise: first run at 3f6b695 P 0.977 R 0.972 */
	const char *held20[] = {
		"tests/data/pii/eval_blind170.txt", "tests/data/pii/eval_blind171.txt",
		"tests/data/pii/eval_blind172.txt", "tests/data/pii/eval_blind173.txt",
		"tests/data/pii/eval_blind174.txt", "tests/data/pii/eval_blind175.txt",
		"tests/data/pii/eval_blind176.txt", "tests/data/pii/eval_blind177.txt"};
	CHECK(score_files(sc, held20, YK_ARRAY_LEN(held20), "blind batches 170-177", &recall,
			  &precision) >= 1120);
	CHECK(recall >= 0.96);
	CHECK(precision >= 0.96);
	/* batches 178-185, a third set written the same night by four more
	 * helpers, held out likewise: first run at c777b3d P 0.983 R 0.970 */
	const char *held21[] = {
		"tests/data/pii/eval_blind178.txt", "tests/data/pii/eval_blind179.txt",
		"tests/data/pii/eval_blind180.txt", "tests/data/pii/eval_blind181.txt",
		"tests/data/pii/eval_blind182.txt", "tests/data/pii/eval_blind183.txt",
		"tests/data/pii/eval_blind184.txt", "tests/data/pii/eval_blind185.txt"};
	CHECK(score_files(sc, held21, YK_ARRAY_LEN(held21), "blind batches 178-185", &recall,
			  &precision) >= 1140);
	CHECK(recall >= 0.96);
	CHECK(precision >= 0.97);
	/* batches 186-193, a fourth set (with texts of several parts) written
	 * after the document-mode mends, held out likewise: first run at
	 * 54e1bf0 P 0.969 R 0.964 */
	const char *held22[] = {
		"tests/data/pii/eval_blind186.txt", "tests/data/pii/eval_blind187.txt",
		"tests/data/pii/eval_blind188.txt", "tests/data/pii/eval_blind189.txt",
		"tests/data/pii/eval_blind190.txt", "tests/data/pii/eval_blind191.txt",
		"tests/data/pii/eval_blind192.txt", "tests/data/pii/eval_blind193.txt"};
	CHECK(score_files(sc, held22, YK_ARRAY_LEN(held22), "blind batches 186-193", &recall,
			  &precision) >= 1620);
	CHECK(recall >= 0.95);
	CHECK(precision >= 0.96);
	/* batches 194-201, a fifth set (texts of several parts, eight regions)
	 * written while the morning's mends from 186-193 were made, held out
	 * likewise: first run at ee78002 P 0.971 R 0.949 */
	const char *held23[] = {
		"tests/data/pii/eval_blind194.txt", "tests/data/pii/eval_blind195.txt",
		"tests/data/pii/eval_blind196.txt", "tests/data/pii/eval_blind197.txt",
		"tests/data/pii/eval_blind198.txt", "tests/data/pii/eval_blind199.txt",
		"tests/data/pii/eval_blind200.txt", "tests/data/pii/eval_blind201.txt"};
	CHECK(score_files(sc, held23, YK_ARRAY_LEN(held23), "blind batches 194-201", &recall,
			  &precision) >= 2020);
	CHECK(recall >= 0.95);
	CHECK(precision >= 0.96);
	/* batches 202-209, a sixth set written after the mends from 194-201,
	 * held out likewise: first run at 748ab21 P 0.963 R 0.965 */
	const char *held24[] = {
		"tests/data/pii/eval_blind202.txt", "tests/data/pii/eval_blind203.txt",
		"tests/data/pii/eval_blind204.txt", "tests/data/pii/eval_blind205.txt",
		"tests/data/pii/eval_blind206.txt", "tests/data/pii/eval_blind207.txt",
		"tests/data/pii/eval_blind208.txt", "tests/data/pii/eval_blind209.txt"};
	CHECK(score_files(sc, held24, YK_ARRAY_LEN(held24), "blind batches 202-209", &recall,
			  &precision) >= 1860);
	CHECK(recall >= 0.96);
	CHECK(precision >= 0.96);
	/* batches 210-217, a seventh set written after the mends from
	 * 202-209, held out likewise: first run at 95d224d P 0.981 R 0.972 */
	const char *held25[] = {
		"tests/data/pii/eval_blind210.txt", "tests/data/pii/eval_blind211.txt",
		"tests/data/pii/eval_blind212.txt", "tests/data/pii/eval_blind213.txt",
		"tests/data/pii/eval_blind214.txt", "tests/data/pii/eval_blind215.txt",
		"tests/data/pii/eval_blind216.txt", "tests/data/pii/eval_blind217.txt"};
	CHECK(score_files(sc, held25, YK_ARRAY_LEN(held25), "blind batches 210-217", &recall,
			  &precision) >= 1550);
	CHECK(recall >= 0.965);
	CHECK(precision >= 0.975);
	/* batches 218-225, an eighth set written while the quoted-rows mends
	 * were made, held out likewise: first run at 5d4d55a P 0.979 R 0.959 */
	const char *held26[] = {
		"tests/data/pii/eval_blind218.txt", "tests/data/pii/eval_blind219.txt",
		"tests/data/pii/eval_blind220.txt", "tests/data/pii/eval_blind221.txt",
		"tests/data/pii/eval_blind222.txt", "tests/data/pii/eval_blind223.txt",
		"tests/data/pii/eval_blind224.txt", "tests/data/pii/eval_blind225.txt"};
	CHECK(score_files(sc, held26, YK_ARRAY_LEN(held26), "blind batches 218-225", &recall,
			  &precision) >= 1190);
	CHECK(recall >= 0.96);
	CHECK(precision >= 0.975);
	/* batches 226-233, a ninth set written while the mends from 218-225
	 * were made, held out likewise: first run at 2a54d98 P 0.974 R 0.968 */
	const char *held27[] = {
		"tests/data/pii/eval_blind226.txt", "tests/data/pii/eval_blind227.txt",
		"tests/data/pii/eval_blind228.txt", "tests/data/pii/eval_blind229.txt",
		"tests/data/pii/eval_blind230.txt", "tests/data/pii/eval_blind231.txt",
		"tests/data/pii/eval_blind232.txt", "tests/data/pii/eval_blind233.txt"};
	CHECK(score_files(sc, held27, YK_ARRAY_LEN(held27), "blind batches 226-233", &recall,
			  &precision) >= 1040);
	CHECK(recall >= 0.97);
	CHECK(precision >= 0.975);
	/* batches 234-241, a tenth set written while the mends from 226-233
	 * were made, held out likewise: first run at b66fcc8 P 0.970 R 0.961 */
	const char *held28[] = {
		"tests/data/pii/eval_blind234.txt", "tests/data/pii/eval_blind235.txt",
		"tests/data/pii/eval_blind236.txt", "tests/data/pii/eval_blind237.txt",
		"tests/data/pii/eval_blind238.txt", "tests/data/pii/eval_blind239.txt",
		"tests/data/pii/eval_blind240.txt", "tests/data/pii/eval_blind241.txt"};
	CHECK(score_files(sc, held28, YK_ARRAY_LEN(held28), "blind batches 234-241", &recall,
			  &precision) >= 1125);
	CHECK(recall >= 0.96);
	CHECK(precision >= 0.97);
	/* batches 242-249, an eleventh set written while the mends from
	 * 234-241 were made, held out likewise: first run at 12b0a71 P 0.971
	 * R 0.965 */
	const char *held29[] = {
		"tests/data/pii/eval_blind242.txt", "tests/data/pii/eval_blind243.txt",
		"tests/data/pii/eval_blind244.txt", "tests/data/pii/eval_blind245.txt",
		"tests/data/pii/eval_blind246.txt", "tests/data/pii/eval_blind247.txt",
		"tests/data/pii/eval_blind248.txt", "tests/data/pii/eval_blind249.txt"};
	CHECK(score_files(sc, held29, YK_ARRAY_LEN(held29), "blind batches 242-249", &recall,
			  &precision) >= 1065);
	CHECK(recall >= 0.965);
	CHECK(precision >= 0.97);
	/* batches 250-257, a twelfth set written while the mends from
	 * 242-249 were made, held out likewise: first run at ac0178f P 0.961
	 * R 0.973 */
	const char *held30[] = {
		"tests/data/pii/eval_blind250.txt", "tests/data/pii/eval_blind251.txt",
		"tests/data/pii/eval_blind252.txt", "tests/data/pii/eval_blind253.txt",
		"tests/data/pii/eval_blind254.txt", "tests/data/pii/eval_blind255.txt",
		"tests/data/pii/eval_blind256.txt", "tests/data/pii/eval_blind257.txt"};
	CHECK(score_files(sc, held30, YK_ARRAY_LEN(held30), "blind batches 250-257", &recall,
			  &precision) >= 1045);
	CHECK(recall >= 0.97);
	CHECK(precision >= 0.96);
	/* batches 258-265, a thirteenth set written while the mends from
	 * 250-257 were made, held out likewise: first run at 6b4e25c P 0.974
	 * R 0.972 */
	const char *held31[] = {
		"tests/data/pii/eval_blind258.txt", "tests/data/pii/eval_blind259.txt",
		"tests/data/pii/eval_blind260.txt", "tests/data/pii/eval_blind261.txt",
		"tests/data/pii/eval_blind262.txt", "tests/data/pii/eval_blind263.txt",
		"tests/data/pii/eval_blind264.txt", "tests/data/pii/eval_blind265.txt"};
	CHECK(score_files(sc, held31, YK_ARRAY_LEN(held31), "blind batches 258-265", &recall,
			  &precision) >= 1085);
	CHECK(recall >= 0.97);
	CHECK(precision >= 0.97);
	/* batches 266-273, a fourteenth set written while the mends from
	 * 258-265 were made, held out likewise: first run at 60256df P 0.968
	 * R 0.974 */
	const char *held32[] = {
		"tests/data/pii/eval_blind266.txt", "tests/data/pii/eval_blind267.txt",
		"tests/data/pii/eval_blind268.txt", "tests/data/pii/eval_blind269.txt",
		"tests/data/pii/eval_blind270.txt", "tests/data/pii/eval_blind271.txt",
		"tests/data/pii/eval_blind272.txt", "tests/data/pii/eval_blind273.txt"};
	CHECK(score_files(sc, held32, YK_ARRAY_LEN(held32), "blind batches 266-273", &recall,
			  &precision) >= 1000);
	CHECK(recall >= 0.975);
	CHECK(precision >= 0.97);
	/* batches 274-281, a fifteenth set written while the mends from
	 * 266-273 were made, held out likewise: first run at 55e0e83 P 0.989
	 * R 0.974 */
	const char *held33[] = {
		"tests/data/pii/eval_blind274.txt", "tests/data/pii/eval_blind275.txt",
		"tests/data/pii/eval_blind276.txt", "tests/data/pii/eval_blind277.txt",
		"tests/data/pii/eval_blind278.txt", "tests/data/pii/eval_blind279.txt",
		"tests/data/pii/eval_blind280.txt", "tests/data/pii/eval_blind281.txt"};
	CHECK(score_files(sc, held33, YK_ARRAY_LEN(held33), "blind batches 274-281", &recall,
			  &precision) >= 1015);
	CHECK(recall >= 0.97);
	CHECK(precision >= 0.985);
	/* batches 282-289, a sixteenth set written after the mends from
	 * 266-273, held out likewise: first run at 9f5e4f7 P 0.983 R 0.968 */
	const char *held34[] = {
		"tests/data/pii/eval_blind282.txt", "tests/data/pii/eval_blind283.txt",
		"tests/data/pii/eval_blind284.txt", "tests/data/pii/eval_blind285.txt",
		"tests/data/pii/eval_blind286.txt", "tests/data/pii/eval_blind287.txt",
		"tests/data/pii/eval_blind288.txt", "tests/data/pii/eval_blind289.txt"};
	CHECK(score_files(sc, held34, YK_ARRAY_LEN(held34), "blind batches 282-289", &recall,
			  &precision) >= 1075);
	CHECK(recall >= 0.965);
	CHECK(precision >= 0.98);
	/* batches 290-297, a seventeenth set written while the mends from
	 * 274-289 were made, held out likewise: first run at 041151f P 0.965
	 * R 0.963 */
	const char *held35[] = {
		"tests/data/pii/heldout_blind290.txt", "tests/data/pii/heldout_blind291.txt",
		"tests/data/pii/heldout_blind292.txt", "tests/data/pii/heldout_blind293.txt",
		"tests/data/pii/heldout_blind294.txt", "tests/data/pii/heldout_blind295.txt",
		"tests/data/pii/heldout_blind296.txt", "tests/data/pii/heldout_blind297.txt"};
	CHECK(score_files(sc, held35, YK_ARRAY_LEN(held35), "blind batches 290-297", &recall,
			  &precision) >= 1000);
	CHECK(recall >= 0.96);
	CHECK(precision >= 0.96);
	/* batches 298-305, an eighteenth set written while the mends from
	 * 290-297 were made, held out likewise: first run at 2dd7df2 P 0.978
	 * R 0.967 */
	const char *held36[] = {
		"tests/data/pii/heldout_blind298.txt", "tests/data/pii/heldout_blind299.txt",
		"tests/data/pii/heldout_blind300.txt", "tests/data/pii/heldout_blind301.txt",
		"tests/data/pii/heldout_blind302.txt", "tests/data/pii/heldout_blind303.txt",
		"tests/data/pii/heldout_blind304.txt", "tests/data/pii/heldout_blind305.txt"};
	CHECK(score_files(sc, held36, YK_ARRAY_LEN(held36), "blind batches 298-305", &recall,
			  &precision) >= 1180);
	CHECK(recall >= 0.965);
	CHECK(precision >= 0.975);
	/* batches 306-313, a nineteenth set written while the mends from
	 * 298-305 were made, held out likewise: first run at ae1a439 P 0.977
	 * R 0.977 */
	const char *held37[] = {
		"tests/data/pii/heldout_blind306.txt", "tests/data/pii/heldout_blind307.txt",
		"tests/data/pii/heldout_blind308.txt", "tests/data/pii/heldout_blind309.txt",
		"tests/data/pii/heldout_blind310.txt", "tests/data/pii/heldout_blind311.txt",
		"tests/data/pii/heldout_blind312.txt", "tests/data/pii/heldout_blind313.txt"};
	CHECK(score_files(sc, held37, YK_ARRAY_LEN(held37), "blind batches 306-313", &recall,
			  &precision) >= 1200);
	CHECK(recall >= 0.975);
	CHECK(precision >= 0.975);
	/* batches 314-321, a twentieth set written while the mends from
	 * 306-313 were made, held out likewise: first run at 97e31a6 P 0.974
	 * R 0.948 (one text of 320 opens with # and is read as a comment) */
	const char *held38[] = {
		"tests/data/pii/heldout_blind314.txt", "tests/data/pii/heldout_blind315.txt",
		"tests/data/pii/heldout_blind316.txt", "tests/data/pii/heldout_blind317.txt",
		"tests/data/pii/heldout_blind318.txt", "tests/data/pii/heldout_blind319.txt",
		"tests/data/pii/heldout_blind320.txt", "tests/data/pii/heldout_blind321.txt"};
	CHECK(score_files(sc, held38, YK_ARRAY_LEN(held38), "blind batches 314-321", &recall,
			  &precision) >= 1020);
	CHECK(recall >= 0.945);
	CHECK(precision >= 0.97);
	/* batches 322-329, a twenty-first set written while the mends from
	 * 314-321 were made, held out likewise: first run at b7cf259 P 0.984
	 * R 0.970 */
	const char *held39[] = {
		"tests/data/pii/heldout_blind322.txt", "tests/data/pii/heldout_blind323.txt",
		"tests/data/pii/heldout_blind324.txt", "tests/data/pii/heldout_blind325.txt",
		"tests/data/pii/heldout_blind326.txt", "tests/data/pii/heldout_blind327.txt",
		"tests/data/pii/heldout_blind328.txt", "tests/data/pii/heldout_blind329.txt"};
	CHECK(score_files(sc, held39, YK_ARRAY_LEN(held39), "blind batches 322-329", &recall,
			  &precision) >= 1070);
	CHECK(recall >= 0.965);
	CHECK(precision >= 0.98);
	/* batches 330-337, a twenty-second set written after the mends from
	 * 322-329, held out likewise: first run at b7783aa P 0.980 R 0.966 */
	const char *held40[] = {
		"tests/data/pii/heldout_blind330.txt", "tests/data/pii/heldout_blind331.txt",
		"tests/data/pii/heldout_blind332.txt", "tests/data/pii/heldout_blind333.txt",
		"tests/data/pii/heldout_blind334.txt", "tests/data/pii/heldout_blind335.txt",
		"tests/data/pii/heldout_blind336.txt", "tests/data/pii/heldout_blind337.txt"};
	CHECK(score_files(sc, held40, YK_ARRAY_LEN(held40), "blind batches 330-337", &recall,
			  &precision) >= 1115);
	CHECK(recall >= 0.96);
	CHECK(precision >= 0.975);
	/* batches 338-345, a twenty-third set written after the session's
	 * last mend, held out likewise: first run at db38b28 P 0.987 R 0.966 */
	const char *held41[] = {
		"tests/data/pii/heldout_blind338.txt", "tests/data/pii/heldout_blind339.txt",
		"tests/data/pii/heldout_blind340.txt", "tests/data/pii/heldout_blind341.txt",
		"tests/data/pii/heldout_blind342.txt", "tests/data/pii/heldout_blind343.txt",
		"tests/data/pii/heldout_blind344.txt", "tests/data/pii/heldout_blind345.txt"};
	CHECK(score_files(sc, held41, YK_ARRAY_LEN(held41), "blind batches 338-345", &recall,
			  &precision) >= 1000);
	CHECK(recall >= 0.96);
	CHECK(precision >= 0.98);
	/* and the held-out sets as documents of many parts */
	documents_of_many_parts(sc);
	pii_scanner_free(sc);
	pii_detector_free(d);
	yk_buf_release(&allow);
}

static size_t scan_count(struct pii_scanner *sc, const char *s, enum pii_type *first)
{
	const struct pii_span *sp;
	size_t n = 0;
	if (pii_scan(sc, s, strlen(s), &sp, &n))
		return (size_t)-1;
	if (n && first)
		*first = sp[0].type;
	return n;
}

TEST(allow_list_suppresses_city_contacts_only)
{
	struct pii_detector *d = detector("# city\n0299-55-1234\r\n  info@city.midori.example.jp \n"
					  "みどり市中央一丁目1番1号\n");
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	enum pii_type t = PII_PERSON; /* set by scan_count() when it finds a span */
	CHECK_INT(scan_count(sc, "代表電話０２９９－５５－１２３４へ", NULL), 0);
	CHECK_INT(scan_count(sc, "代表電話(0299)55-1234へ", NULL), 0);
	CHECK_INT(scan_count(sc, "電話0299-55-1112へ", &t), 1);
	CHECK_INT(t, PII_PHONE);
	/* A bracketed area code right after letters is a phone number, and
	 * letters before a bracket never stall the scan (found by fuzz_pii). */
	CHECK_INT(scan_count(sc, "TEL(0299)55-1112", &t), 1);
	CHECK_INT(t, PII_PHONE);
	CHECK(scan_count(sc, "A(02128))3-922-45", NULL) != (size_t)-1);
	CHECK(scan_count(sc, "x(0", NULL) != (size_t)-1);
	CHECK_INT(scan_count(sc, "INFO@city.midori.example.jpへ", NULL), 0);
	CHECK_INT(scan_count(sc, "来庁先はみどり市中央一丁目1番1号です", NULL), 0);
	CHECK_INT(scan_count(sc, "自宅はみどり市中央一丁目1番2号です", &t), 1);
	CHECK_INT(t, PII_ADDRESS);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

TEST(no_person_config_skips_names)
{
	struct pii_config cfg = {.no_person = 1};
	struct pii_detector *d = NULL;
	REQUIRE(pii_detector_new(&cfg, &d, NULL) == 0);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	enum pii_type t = PII_PERSON; /* set by scan_count() when it finds a span */
	CHECK_INT(scan_count(sc, "山田太郎様の電話は090-1234-5678です", &t), 1);
	CHECK_INT(t, PII_PHONE);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

TEST(errors)
{
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	struct pii_detector *d = NULL;
	struct pii_config bad_dic = {.dicdir = "/nonexistent/unidic"};
	CHECK_INT(pii_detector_new(&bad_dic, &d, &ei), YK_EMORPH);
	CHECK(d == NULL);
	CHECK(strstr(ei.message, "/nonexistent/unidic") != NULL);

	char longline[PII_ALLOW_ENTRY_MAX + 2];
	memset(longline, '1', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = '\0';
	struct pii_config too_long = {.no_person = 1, .allow = longline, .allow_len = strlen(longline)};
	CHECK_INT(pii_detector_new(&too_long, &d, NULL), YK_ELIMIT);
	struct pii_config bad_utf8 = {.no_person = 1, .allow = "ok\n\xff\xfe\n", .allow_len = 6};
	CHECK_INT(pii_detector_new(&bad_utf8, &d, &ei), YK_EUTF8);
	CHECK(strstr(ei.message, "2") != NULL); /* the line number */

	d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	const struct pii_span *sp;
	size_t n = 7;
	CHECK_INT(pii_scan(sc, "abc\xc3(", 5, &sp, &n), YK_EUTF8);
	CHECK_INT(n, 0);
	char *big = yk_xcalloc(PII_INPUT_MAX + 1, 1);
	memset(big, 'a', PII_INPUT_MAX + 1);
	CHECK_INT(pii_scan(sc, big, PII_INPUT_MAX + 1, &sp, &n), YK_ELIMIT);
	free(big);
	CHECK_INT(pii_scan(sc, "", 0, &sp, &n), 0);
	CHECK_INT(n, 0);
	struct yk_buf out;
	yk_buf_init(&out, 0);
	CHECK_INT(pii_mask(sc, NULL, PII_POLICY_MASK, "x", 1, &out, NULL), YK_EINVAL);
	yk_buf_release(&out);
	pii_scanner_free(sc);
	pii_detector_free(d);
	pii_detector_free(NULL);
	pii_scanner_free(NULL);
	pii_mapping_free(NULL);
}

/* MeCab runs strlen() on what it tags: input that is not NUL-terminated
 * must never reach it (found by fuzz_pii; ASan reads past this buffer). */
TEST(input_without_nul_terminator)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	const char *src = "申請者：山田太郎、電話：090-1234-目14番3号 みどりハイツ203号室です。\n";
	size_t len = strlen(src);
	char *exact = yk_xmalloc(len); /* no room for a NUL */
	memcpy(exact, src, len);
	const struct pii_span *sp;
	size_t n;
	CHECK_INT(pii_scan(sc, exact, len, &sp, &n), 0);
	CHECK_INT(n, 1); /* 山田太郎 (the rest is not a phone or an address) */
	CHECK_INT(sp[0].type, PII_PERSON);
	free(exact);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The scanner keeps its folded buffer between texts: what lies past the end
 * of a short text is the previous, longer text's. An address ending in a
 * number at the very end (大原口町123) read the code point after it, and
 * after a text with 番 there it was taken for 123番 (issue 14). Each text
 * must give what it gives alone. */
TEST(scan_reads_nothing_past_the_text)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	const char *longer = "京都市東山区大和大路通四条下る小松町584番地";
	const char *shorter = "京都市上京区今出川通寺町西入大原口町123";
	const struct pii_span *sp;
	size_t n;
	for (int round = 0; round < 2; round++) {
		CHECK_INT(pii_scan(sc, longer, strlen(longer), &sp, &n), 0);
		CHECK_INT(n, 1);
		CHECK_INT(pii_scan(sc, shorter, strlen(shorter), &sp, &n), 0);
		CHECK_INT(n, 1);
		if (n == 1) {
			CHECK_INT(sp[0].type, PII_ADDRESS);
			CHECK_INT(sp[0].start, 0);
			CHECK_INT(sp[0].end, 21);
		}
	}
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* ---- masking --------------------------------------------------------------- */

static char *mask(struct pii_scanner *sc, struct pii_mapping *m, const char *s)
{
	struct yk_buf out;
	yk_buf_init(&out, 0);
	int rc = pii_mask(sc, m, PII_POLICY_MASK, s, strlen(s), &out, NULL);
	CHECK_INT(rc, 0);
	return yk_buf_detach(&out, NULL);
}

TEST(mask_same_value_same_placeholder_and_restore)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	struct pii_mapping *m = pii_mapping_new();

	char *a = mask(sc, m, "山田太郎様の電話は090-1234-5678、佐藤花子様は080-2345-6789です。");
	CHECK_STR(a, "〔氏名1〕様の電話は〔電話1〕、〔氏名2〕様は〔電話2〕です。");
	/* same values in another message, written full-width: same placeholders */
	char *b = mask(sc, m, "先ほどの山田太郎様（０９０－１２３４－５６７８）の件です。");
	CHECK_STR(b, "先ほどの〔氏名1〕様（〔電話1〕）の件です。");
	CHECK_INT(pii_mapping_count(m), 4);

	struct yk_buf r;
	yk_buf_init(&r, 0);
	const char *reply = "〔氏名1〕様には〔電話1〕へ、〔氏名２〕様には〔電話2〕へご連絡ください。"
			    "〔氏名9〕と〔住所1〕と〔氏名〕は不明です。";
	CHECK_INT(pii_restore(m, reply, strlen(reply), &r), 0);
	CHECK_STR(r.data, "山田太郎様には090-1234-5678へ、佐藤花子様には080-2345-6789へご連絡ください。"
			  "〔氏名9〕と〔住所1〕と〔氏名〕は不明です。");
	yk_buf_release(&r);

	/* a truncated placeholder at the end of a reply stays as it is */
	yk_buf_init(&r, 0);
	CHECK_INT(pii_restore(m, "〔氏名1", strlen("〔氏名1"), &r), 0);
	CHECK_STR(r.data, "〔氏名1");
	yk_buf_release(&r);

	free(a);
	free(b);
	pii_mapping_free(m);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* tests/data/pii/mask.txt: input and expected masked text, one mapping
 * per block of lines. */
TEST(mask_cases_from_file)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	struct yk_buf file, out;
	yk_buf_init(&file, 1u << 20);
	yk_buf_init(&out, 0);
	REQUIRE(markup_read_file("tests/data/pii/mask.txt", &file) == 0);
	struct pii_mapping *m = pii_mapping_new();
	size_t i = 0, lineno = 0, cases = 0;
	while (i < file.len) {
		size_t e = i;
		while (e < file.len && file.data[e] != '\n')
			e++;
		lineno++;
		if (e == i) { /* a new conversation */
			pii_mapping_free(m);
			m = pii_mapping_new();
		} else if (file.data[i] != '#') {
			const char *tab = memchr(file.data + i, '\t', e - i);
			CHECK(tab != NULL);
			if (tab) {
				size_t in_len = (size_t)(tab - (file.data + i));
				size_t want_len = e - (size_t)(tab + 1 - file.data);
				yk_buf_reset(&out);
				CHECK_INT(pii_mask(sc, m, PII_POLICY_MASK, file.data + i, in_len, &out, NULL), 0);
				if (out.len != want_len || memcmp(out.data, tab + 1, want_len) != 0) {
					fprintf(stderr, "  mask.txt:%zu: got %s\n", lineno, out.data);
					CHECK(0);
				}
				/* restoring and masking again gives the same masked text
				 * (restore brings a value back in its first spelling) */
				struct yk_buf back, again;
				yk_buf_init(&back, 0);
				yk_buf_init(&again, 0);
				CHECK_INT(pii_restore(m, out.data, out.len, &back), 0);
				CHECK_INT(pii_mask(sc, m, PII_POLICY_MASK, back.data, back.len, &again, NULL), 0);
				CHECK_STR(again.data, out.data);
				yk_buf_release(&back);
				yk_buf_release(&again);
				cases++;
			}
		}
		i = e + 1;
	}
	CHECK(cases >= 9);
	pii_mapping_free(m);
	yk_buf_release(&out);
	yk_buf_release(&file);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

TEST(policies_and_counts)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	const char *s = "山田様と佐藤様の電話は03-1234-5678です。";
	struct pii_counts c;
	struct yk_buf out;
	yk_buf_init(&out, 0);

	CHECK_INT(pii_mask(sc, NULL, PII_POLICY_BLOCK, s, strlen(s), &out, &c), YK_EPII_BLOCKED);
	CHECK_INT(out.len, 0);
	CHECK_INT(c.n[PII_PERSON], 2);
	CHECK_INT(c.n[PII_PHONE], 1);
	CHECK_INT(c.total, 3);
	char line[128];
	pii_counts_format(&c, line, sizeof(line));
	CHECK_STR(line, "PHONE=1,PERSON=2");
	pii_counts_format(&c, line, 8); /* too small: cut at a whole entry */
	CHECK_STR(line, "PHONE=1");

	CHECK_INT(pii_mask(sc, NULL, PII_POLICY_WARN, s, strlen(s), &out, &c), 0);
	CHECK_STR(out.data, s);
	CHECK_INT(c.total, 3);

	yk_buf_reset(&out);
	CHECK_INT(pii_mask(sc, NULL, PII_POLICY_BLOCK, "本日は晴天です。", strlen("本日は晴天です。"), &out,
			   &c),
		  0);
	CHECK_STR(out.data, "本日は晴天です。");
	CHECK_INT(c.total, 0);
	pii_counts_format(&c, line, sizeof(line));
	CHECK_STR(line, "");

	/* the output limit is honoured */
	struct yk_buf small;
	yk_buf_init(&small, 10);
	struct pii_mapping *m = pii_mapping_new();
	CHECK_INT(pii_mask(sc, m, PII_POLICY_MASK, s, strlen(s), &small, NULL), YK_ELIMIT);
	yk_buf_release(&small);
	pii_mapping_free(m);
	yk_buf_release(&out);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

TEST(mask_spans_rejects_foreign_spans)
{
	struct pii_mapping *m = pii_mapping_new();
	struct yk_buf out;
	yk_buf_init(&out, 0);
	struct pii_span sp = {.start = 0, .end = 3, .byte_start = 0, .byte_end = 30, .type = PII_PHONE,
			      .confidence = 1};
	CHECK_INT(pii_mask_spans(m, "abc", 3, &sp, 1, &out), YK_EINVAL);
	yk_buf_release(&out);
	pii_mapping_free(m);
}

/* ---- threads ---------------------------------------------------------------- */

struct thread_job {
	const struct pii_detector *d;
	const char *text;
	size_t spans;
	int rc;
};

static void *thread_scan(void *arg)
{
	struct thread_job *j = arg;
	struct pii_scanner *sc = NULL;
	j->rc = pii_scanner_new(j->d, &sc, NULL);
	for (int rep = 0; rep < 20 && !j->rc; rep++) {
		const struct pii_span *sp;
		size_t n;
		j->rc = pii_scan(sc, j->text, strlen(j->text), &sp, &n);
		j->spans = n;
	}
	pii_scanner_free(sc);
	return NULL;
}

TEST(one_detector_many_threads)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	const char *text = "申請者：山田太郎、電話：090-1234-5678\n"
			   "佐藤花子様（昭和55年6月15日生）の住所はみどり市桜ケ丘二丁目14番3号です。\n";
	struct thread_job jobs[4];
	pthread_t th[4];
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct thread_job){.d = d, .text = text};
		CHECK_INT(pthread_create(&th[i], NULL, thread_scan, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		CHECK_INT(jobs[i].rc, 0);
		CHECK_INT(jobs[i].spans, 5); /* 2 names, phone, birth date, address */
	}
	pii_detector_free(d);
}

/* ---- the guard object ----------------------------------------------------------- */

static char tmpdir[256];

static struct store *test_db(void)
{
	static int n;
	char path[300];
	if (!tmpdir[0]) {
		yk_strlcpy(tmpdir, "/tmp/yk-pii-XXXXXX", sizeof(tmpdir));
		if (!mkdtemp(tmpdir))
			return NULL;
	}
	snprintf(path, sizeof(path), "%s/%d.db", tmpdir, ++n);
	struct store *db = NULL;
	if (store_open(path, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &db, NULL) != 0)
		return NULL;
	return db;
}

static int redact(struct pii_guard *g, const char *text, struct yk_buf *out)
{
	yk_buf_reset(out);
	return pii_guard_redact(g, text, strlen(text), out, NULL);
}

TEST(guard_applies_its_allow_list_and_policy)
{
	struct text_model *model = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	REQUIRE(text_model_new(NULL, &model, &ei) == 0);
	const char *allow = "0299-72-3456\ninfo@city.midori.example.jp\n";
	struct pii_guard_config cfg = {model, allow, strlen(allow), PII_POLICY_BLOCK, 0};
	struct pii_guard *g = NULL;
	REQUIRE(pii_guard_new(&cfg, &g, &ei) == 0);
	text_model_free(model); /* the guard holds its own reference */
	CHECK_INT(pii_guard_policy(g), PII_POLICY_BLOCK);
	struct yk_buf out;
	yk_buf_init(&out, 4096);
	const char *q = "代表0299-72-3456に田中花子様から電話、折り返しは090-1234-5678へ";
	CHECK_INT(redact(g, q, &out), 0);
	/* the city's number stays, the caller's name and number do not */
	CHECK(strstr(out.data, "0299-72-3456") != NULL);
	CHECK(strstr(out.data, "〔氏名1〕") != NULL);
	CHECK(strstr(out.data, "〔電話1〕") != NULL);
	CHECK(strstr(out.data, "090-1234-5678") == NULL);
	CHECK(strstr(out.data, "田中") == NULL);
	/* redacting never blocks (a log keeps the gist), masking for a model
	 * follows the policy */
	struct pii_counts c;
	yk_buf_reset(&out);
	CHECK_INT(pii_guard_mask(g, NULL, pii_guard_policy(g), q, strlen(q), &out, &c), YK_EPII_BLOCKED);
	CHECK_INT(c.n[PII_PHONE], 1);
	CHECK_INT(c.n[PII_PERSON], 1);
	yk_buf_reset(&out);
	CHECK_INT(pii_guard_mask(g, NULL, PII_POLICY_BLOCK, "代表は0299-72-3456です", strlen("代表は0299-72-3456です"), &out, NULL), 0);
	/* scan into findings owned by the caller */
	struct pii_findings f = {0};
	CHECK_INT(pii_guard_scan(g, q, strlen(q), &f), 0);
	CHECK_INT(f.n, 2);
	CHECK_INT(pii_guard_scan(g, "\xff", 1, &f), YK_EUTF8);
	CHECK_INT(f.n, 0);
	pii_findings_release(&f);
	/* an error leaves nothing that could be stored */
	yk_buf_reset(&out);
	CHECK_INT(yk_buf_adds(&out, "前"), 0);
	CHECK_INT(pii_guard_redact(g, "田中様\xff", 10, &out, NULL), YK_EUTF8);
	CHECK_STR(out.data, "前");
	CHECK(pii_guard_ref(g) == g);
	pii_guard_free(g);
	CHECK_INT(redact(g, "山田太郎様", &out), 0); /* still held once */
	CHECK_STR(out.data, "〔氏名1〕様");
	pii_guard_free(g);
	pii_guard_free(NULL);
	yk_buf_release(&out);
}

TEST(guard_slot_follows_the_settings)
{
	struct store *db = test_db();
	REQUIRE(db != NULL);
	struct pii_guard_slot *slot = pii_guard_slot_new(NULL); /* finds UniDic itself */
	struct pii_guard *g1 = NULL, *g2 = NULL, *g3 = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	struct yk_buf out;
	yk_buf_init(&out, 4096);
	const char *q = "電話0299-72-3456、申請者 田中 花子（090-1234-5678）";
	REQUIRE(pii_guard_current(slot, db, &g1, &ei) == 0);
	CHECK_INT(pii_guard_policy(g1), PII_POLICY_MASK);
	CHECK_INT(redact(g1, q, &out), 0);
	CHECK(strstr(out.data, "0299-72-3456") == NULL); /* no allow-list yet */
	/* the same settings give the same guard */
	REQUIRE(pii_guard_current(slot, db, &g2, &ei) == 0);
	CHECK(g2 == g1);
	pii_guard_free(g2);
	/* the admin's allow-list (comma or 、 separated) and policy swap it */
	REQUIRE(store_setting_set(db, "pii_allow_list", "0299-72-3456、info@city.example.jp", 0, NULL) == 0);
	REQUIRE(store_setting_set(db, "pii_policy", "warn", 0, NULL) == 0);
	REQUIRE(pii_guard_current(slot, db, &g3, &ei) == 0);
	CHECK(g3 != g1);
	CHECK_INT(pii_guard_policy(g3), PII_POLICY_WARN);
	CHECK_INT(redact(g3, q, &out), 0);
	CHECK(strstr(out.data, "0299-72-3456") != NULL);
	CHECK(strstr(out.data, "090-1234-5678") == NULL);
	CHECK(strstr(out.data, "〔氏名1〕") != NULL);
	/* whoever held the old guard finishes with it */
	CHECK_INT(redact(g1, q, &out), 0);
	CHECK(strstr(out.data, "0299-72-3456") == NULL);
	pii_guard_free(g1);
	pii_guard_free(g3);
	/* a bad allow-list entry is an error, and the guard in force stays */
	char longv[PII_ALLOW_ENTRY_MAX + 8];
	memset(longv, '1', sizeof(longv) - 1);
	longv[sizeof(longv) - 1] = '\0';
	REQUIRE(store_setting_set(db, "pii_allow_list", longv, 0, NULL) == 0);
	CHECK_INT(pii_guard_current(slot, db, &g1, &ei), YK_ELIMIT);
	CHECK(g1 == NULL);
	pii_guard_slot_free(slot);
	pii_guard_slot_free(NULL);
	yk_buf_release(&out);
	store_close(db);
}

/* ---- speed paths give the same results ------------------------------------ */

/* text_fold_checked() (pii_scan()'s one pass) folds exactly as text_fold()
 * over every code point, digits around ー included, and rejects exactly
 * what yk_utf8_valid() rejects. */
static void fold_checked_is_fold_with_validation(void)
{
	struct yk_buf in;
	yk_buf_init(&in, 8u * 1024u * 1024u);
	for (uint32_t c = 1; c <= 0x10FFFF; c++) {
		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		char enc[4];
		REQUIRE(yk_buf_add(&in, enc, yk_utf8_encode(c, enc)) == 0);
	}
	REQUIRE(yk_buf_add(&in, "0299ー88ｰ9 ヘルパー 1ー", strlen("0299ー88ｰ9 ヘルパー 1ー")) == 0);
	size_t cap = in.len + 1, n = 0;
	uint32_t *cp1 = yk_xmalloc(cap * 4), *bo1 = yk_xmalloc(cap * 4);
	uint32_t *cp2 = yk_xmalloc(cap * 4), *bo2 = yk_xmalloc(cap * 4);
	size_t n1 = text_fold(in.data, in.len, cp1, bo1);
	CHECK_INT(text_fold_checked(in.data, in.len, cp2, bo2, &n), 0);
	CHECK(n == n1);
	CHECK(memcmp(cp1, cp2, n1 * 4) == 0);
	CHECK(memcmp(bo1, bo2, (n1 + 1) * 4) == 0);
	/* 0299-88-9, but ヘルパー and a final ー stay */
	CHECK(cp2[n1 - 13] == '-' && cp2[n1 - 10] == '-');
	CHECK(cp2[n1 - 4] == 0x30FC && cp2[n1 - 1] == 0x30FC);
	/* invalid sequences: overlong, surrogate, too large, truncated, stray */
	static const char *const bad[] = {"\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xED\xA0\x80",
					  "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xE3\x81",
					  "a\x80", "\xF0\x9F\x98", "\xFF", "\xE3\x81\x41"};
	for (size_t k = 0; k < YK_ARRAY_LEN(bad); k++)
		CHECK_INT(text_fold_checked(bad[k], strlen(bad[k]), cp2, bo2, &n), YK_EUTF8);
	/* random bytes: accepted exactly when valid */
	uint32_t x = 12345;
	unsigned valid = 0;
	for (int r = 0; r < 20000; r++) {
		unsigned char b[6];
		for (size_t k = 0; k < sizeof(b); k++) {
			x = x * 1103515245u + 12345u;
			b[k] = (unsigned char)(x >> 16);
			if (k % 2 == 0 && (x >> 8 & 3) == 0)
				b[k] = (unsigned char)(0x80 | (b[k] & 0x3F)); /* more continuations */
		}
		int ok = yk_utf8_valid((const char *)b, sizeof(b), NULL);
		valid += (unsigned)ok;
		CHECK_INT(text_fold_checked((const char *)b, sizeof(b), cp2, bo2, &n) == 0, ok);
	}
	CHECK(valid > 0);
	free(cp1), free(bo1), free(cp2), free(bo2);
	yk_buf_release(&in);
}

/* The keyword index (pii__kwlist_get) changes no answer of the searches:
 * pii__match_any() returns the first keyword of the list that occurs, as
 * the plain loop does, for keywords sharing first code points and
 * prefixes; pii__find_before()/after() as before; a list too long for an
 * index is searched plainly. */
static const char *const kw_short[] = {"様方", "様", "さま", "さん", "課長", "課", "ﾌﾘｶﾞﾅ", "A", NULL};
static const char *kw_long[PII_KWLIST_MAX + 2];

static size_t plain_match_any(const struct pii__text *t, size_t i, const char *const *w)
{
	for (size_t k = 0; w[k]; k++) {
		size_t m = pii__match(t, i, w[k]);
		if (m)
			return m;
	}
	return 0;
}

static void keyword_index_keeps_every_answer(void)
{
	const char *s = "山田様方へ、佐藤様、田中さま。鈴木課長と課の人 ﾌﾘｶﾞﾅ A様さん";
	size_t len = strlen(s), n = 0;
	uint32_t cp[128], boff[129];
	REQUIRE(text_fold_checked(s, len, cp, boff, &n) == 0);
	struct pii__text t = {cp, boff, n, s, len, NULL, NULL};
	static char long_words[PII_KWLIST_MAX + 1][8];
	for (size_t k = 0; k <= PII_KWLIST_MAX; k++) {
		snprintf(long_words[k], sizeof(long_words[k]), "x%zu", k);
		kw_long[k] = long_words[k];
	}
	kw_long[PII_KWLIST_MAX - 3] = "さん";
	const struct pii__kwlist *L = pii__kwlist_get(kw_short);
	REQUIRE(L != NULL);
	CHECK(L == pii__kwlist_get(kw_short)); /* built once */
	CHECK(!L->plain && L->n == 8 && L->len[0] == 2 && L->len[6] == 5); /* ﾌﾘｶ ﾞ ﾅ */
	CHECK(pii__kwlist_get(kw_long)->plain);
	unsigned hits = 0;
	for (size_t i = 0; i <= n; i++) {
		size_t m = pii__match_any(&t, i, kw_short);
		CHECK(m == plain_match_any(&t, i, kw_short));
		CHECK(pii__match_any(&t, i, kw_long) == plain_match_any(&t, i, kw_long));
		hits += m > 0;
	}
	CHECK(hits == 9);
	CHECK(pii__match_any(&t, 2, kw_short) == 2); /* 様方, listed before 様 */
	CHECK(pii__match_any(&t, 8, kw_short) == 1); /* 様 */
	size_t d = 99;
	CHECK(pii__find_before(&t, 5, 10, kw_short, &d) == 0 && d == 1); /* 様方, nearest */
	CHECK(pii__find_before(&t, 11, 10, kw_short, &d) == 1 && d == 2); /* 佐藤様 */
	CHECK(pii__find_before(&t, 16, 3, kw_short, &d) == -1); /* 。 ends the window */
	CHECK(pii__find_after(&t, 16, 4, kw_short) == 1);
	CHECK(pii__find_after(&t, 23, 2, kw_short) == 1); /* ﾌﾘｶﾞﾅ */
	CHECK(pii__find_after(&t, 21, 2, kw_short) == 0);
	CHECK(pii__find_after(&t, 23, 10, kw_long) == 1); /* さん, plainly */
	CHECK(pii__find_after(&t, 23, 9, kw_long) == 0);
}

/* Issue 14, fifth speed round (a): the paths that use the keyword index's
 * decoded code points (pii__kw_tail()) and the cue words give the answers
 * of a brute-force search: pii__ends_with() and pii__is_word() for every
 * range of two texts whose keywords sit at the first and the last code
 * point; pii__may_have_any() of a long list for texts of one code point
 * (kana, kanji, ASCII), as the list's first code points say word by word. */
static size_t plain_ends_with(const struct pii__text *t, size_t a, size_t b,
			      const char *const *w)
{
	if (b < a || b > t->n)
		return 0;
	for (size_t k = 0; w[k]; k++) {
		size_t m = pii__kw_len(w[k]);
		if (m <= b - a && pii__match(t, b - m, w[k]) == m)
			return m;
	}
	return 0;
}

static void keyword_paths_equal_brute_force(void)
{
	static const char *const texts[] = {"様方へ、佐藤様。課長 ﾌﾘｶﾞﾅ A様さん",
					    "さん課 様 山田様方", "A", ""};
	for (size_t x = 0; x < YK_ARRAY_LEN(texts); x++) {
		const char *s = texts[x];
		size_t len = strlen(s), n = 0;
		uint32_t cp[64], boff[65];
		REQUIRE(text_fold_checked(s, len, cp, boff, &n) == 0);
		struct pii__text t = {cp, boff, n, s, len, NULL, NULL};
		unsigned ends = 0;
		for (size_t a = 0; a <= n + 1; a++)
			for (size_t b = 0; b <= n + 1; b++) {
				size_t m = pii__ends_with(&t, a, b, kw_short);
				CHECK(m == plain_ends_with(&t, a, b, kw_short));
				ends += m > 0;
				if (a < b && b <= n) {
					int word = 0;
					for (size_t k = 0; kw_short[k]; k++)
						word |= pii__match(&t, a, kw_short[k]) == b - a;
					CHECK(pii__is_word(&t, a, b, kw_short) == word);
				}
			}
		CHECK(x >= 2 ? ends == (x == 2 ? 1u : 0u) : ends > 0);
	}
	static const char *const long_list[] = {"株式会社", "有限会社", "合同会社", "財団", "社団",
						"組合", "協会", "機構", "法人", "ヤマダ", "TEL", NULL};
	uint32_t first[16];
	size_t nw = 0;
	for (; long_list[nw]; nw++)
		pii__kw_decode((const unsigned char *)long_list[nw], &first[nw]);
	static const uint32_t ranges[][2] = {{'!', '~'}, {0x3041, 0x30FF}, {0x4E00, 0x5FFF}};
	unsigned yes = 0;
	for (size_t r = 0; r < YK_ARRAY_LEN(ranges); r++)
		for (uint32_t c = ranges[r][0]; c <= ranges[r][1]; c++) {
			struct pii__cues q;
			pii__cues_build(&c, 1, &q);
			char enc[4];
			size_t el = yk_utf8_encode(c, enc);
			uint32_t boff[2] = {0, (uint32_t)el};
			struct pii__text t = {&c, boff, 1, enc, el, &q, NULL};
			int brute = 0;
			for (size_t k = 0; k < nw; k++)
				brute |= first[k] < 0x80 ? first[k] == c
						       : c >= 0x80 && pii__cue_bit(first[k]) == pii__cue_bit(c);
			CHECK(pii__may_have_any(&t, long_list) == brute);
			yes += (unsigned)brute;
		}
	CHECK(yes >= 4); /* T, ヤ, 合 and 協 at least (the others lie outside the ranges) */
	/* the scanner's cues rebuilt over those of a longer text equal a
	 * fresh build */
	static const char *const seq[] = {"山田 花子（ヤマダ）さん TEL 090-1234-5678 서울 Lê", "あ", "",
					  "Lê 様", "株式会社ヤマダ,|"};
	struct pii__cues again;
	memset(&again, 0, sizeof(again));
	for (size_t x = 0; x < YK_ARRAY_LEN(seq); x++) {
		uint32_t cp[64], boff[65];
		size_t n = 0;
		REQUIRE(text_fold_checked(seq[x], strlen(seq[x]), cp, boff, &n) == 0);
		struct pii__cues fresh;
		pii__cues_build(cp, n, &fresh);
		pii__cues_rebuild(cp, n, &again);
		CHECK(memcmp(&fresh, &again, sizeof(fresh)) == 0);
	}
}

/* The rule files' look-ups (issue 14, speed, fifth round b) answer as the
 * walks over the whole list they replace: pii__word_index() the first
 * word equal to [s, e), pii__ending_word() the first word ending at b
 * and pii__ends_with() its length, for every range of a text,
 * with an indexed list (shared first and last code points, a word that
 * ends another) and one too long for an index; pii__skip_low() stops
 * where a plain loop over the map stops, the first and the last code
 * point included. */
static const char *const kw_ends[] = {"課長", "長", "市長", "様", "様方", "方", "長", NULL};

static long plain_word_index(const struct pii__text *t, size_t s, size_t e, const char *const *w)
{
	for (size_t k = 0; w[k]; k++)
		if (s < e && pii__match(t, s, w[k]) == e - s)
			return (long)k;
	return -1;
}

static long plain_ending_word(const struct pii__text *t, size_t a, size_t b, const char *const *w)
{
	if (b <= a)
		return -1;
	for (size_t k = 0; w[k]; k++) {
		size_t m = pii__kw_len(w[k]);
		if (m <= b - a && pii__match(t, b - m, w[k]) == m)
			return (long)k;
	}
	return -1;
}

static int test_cue(uint32_t c) { return c == 0x5E02 /* 市 */ || c == 0x69D8 /* 様 */; }

static void rule_lookups_answer_as_plain_walks(void)
{
	const char *s = "市長様方、課長の長さん。様方 ﾌﾘｶﾞﾅ A様 市";
	size_t len = strlen(s), n = 0;
	uint32_t cp[128], boff[129];
	REQUIRE(text_fold_checked(s, len, cp, boff, &n) == 0);
	struct pii__text t = {cp, boff, n, s, len, NULL, NULL};
	for (size_t k = 0; k <= PII_KWLIST_MAX; k++)
		if (!kw_long[k])
			kw_long[k] = "x"; /* keyword_index_keeps_every_answer() fills it */
	kw_long[PII_KWLIST_MAX - 2] = "様方";
	const char *const *lists[] = {kw_short, kw_ends, kw_long};
	unsigned words = 0, ends = 0;
	for (size_t l = 0; l < YK_ARRAY_LEN(lists); l++)
		for (size_t a = 0; a <= n; a++)
			for (size_t b = 0; b <= n; b++) {
				long w = pii__word_index(&t, a, b, lists[l]);
				CHECK(w == plain_word_index(&t, a, b, lists[l]));
				long e = pii__ending_word(&t, a, b, lists[l]);
				CHECK(e == plain_ending_word(&t, a, b, lists[l]));
				CHECK(pii__ends_with(&t, a, b, lists[l]) ==
				      (e < 0 ? 0 : pii__kw_len(lists[l][e])));
				words += w >= 0;
				ends += e >= 0;
			}
	CHECK(words > 0 && ends > 0);
	/* 市長 ends at 2 before 長 does in the list: the list's order decides */
	CHECK(pii__ending_word(&t, 0, 2, kw_ends) == 1 && pii__ending_word(&t, 0, 4, kw_ends) == 4);
	CHECK(pii__ending_word(&t, 1, 2, kw_ends) == 1 && pii__ending_word(&t, 3, 4, kw_ends) == 5);
	/* the skip map: the low bytes of 市 and 様 (and so of every code point
	 * that shares them) */
	uint8_t map[256] = {0};
	map[0x5E02 & 0xFF] = map[0x69D8 & 0xFF] = 1;
	CHECK(test_cue(cp[0]) && test_cue(cp[n - 1]));
	for (size_t i = 0; i <= n; i++) {
		size_t j = i;
		while (j < n && !map[cp[j] & 0xFF])
			j++;
		CHECK(pii__skip_low(&t, i, map, test_cue) == j);
		CHECK(pii__skip_low(&t, i, map, NULL) == j);
	}
	CHECK(pii__skip_low(&t, 0, map, test_cue) == 0);
	CHECK(pii__skip_low(&t, n - 1, map, test_cue) == n - 1);
	CHECK(pii__skip_low(&t, 1, map, test_cue) == 2); /* 長 skipped, 様 found */
}

/* The cue pass (issue 14, speed round three): a rule skipped because its
 * cue is absent from the text would have found nothing. Every labelled
 * text of tests/data/pii is scanned with and without the pass; the spans
 * must be identical. And the summary itself: every code point of the text
 * may occur, absent ASCII is known exactly. */
TEST(cue_pass_changes_no_span)
{
	const char *s = "山田 花子（ヤマダ）さん TEL 090-1234-5678 서울 Lê @";
	uint32_t cp[64], boff[65];
	size_t n = 0;
	REQUIRE(text_fold_checked(s, strlen(s), cp, boff, &n) == 0);
	struct pii__cues q;
	pii__cues_build(cp, n, &q);
	struct pii__text t = {cp, boff, n, s, strlen(s), &q, NULL};
	for (size_t i = 0; i < n; i++)
		CHECK(pii__may_have(&t, cp[i]));
	CHECK(!pii__may_have(&t, ',') && !pii__may_have(&t, '|') && !pii__may_have(&t, 'Z'));
	CHECK(pii__may_have_digit(&t) && pii__may_have_alpha(&t));
	CHECK(pii__may_have_class(&t, PII_CUE_KANJI) && pii__may_have_class(&t, PII_CUE_KATA) &&
	      pii__may_have_class(&t, PII_CUE_HIRA) && pii__may_have_class(&t, PII_CUE_HANGUL) &&
	      pii__may_have_class(&t, PII_CUE_LATIN_X));
	static const char *const absent[] = {"株式会社", ",", NULL};
	static const char *const present[] = {"株式会社", "さん", NULL};
	CHECK(!pii__may_have_any(&t, absent) && pii__may_have_any(&t, present));
	/* lists of more than 8 words are tested as cue bits: the same answer
	 * as word by word, for a first code point at either end of the list,
	 * in ASCII or not */
	static const char *const long_absent[] = {"株式会社", "有限会社", "合同会社", "財団", "社団",
						  "組合", "協会", "機構", "法人", ",", "|", NULL};
	static const char *const long_kana[] = {"株式会社", "有限会社", "合同会社", "財団", "社団",
						"組合", "協会", "機構", "法人", "ヤマダ", NULL};
	static const char *const long_ascii[] = {"TEL", "株式会社", "有限会社", "合同会社", "財団",
						 "社団", "組合", "協会", "機構", "法人", NULL};
	CHECK(!pii__may_have_any(&t, long_absent));
	CHECK(pii__may_have_any(&t, long_kana) && pii__may_have_any(&t, long_ascii));
	t.cues = NULL; /* unknown: everything may occur */
	CHECK(pii__may_have(&t, ',') && pii__may_have_any(&t, absent));

	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	const char *files[] = {
		"tests/data/pii/allow.txt",         "tests/data/pii/cases.txt",
		"tests/data/pii/cases_public.txt",  "tests/data/pii/eval.txt",
		"tests/data/pii/eval_holdout.txt",  "tests/data/pii/eval_blind06.txt",
		"tests/data/pii/eval_blind07.txt",  "tests/data/pii/eval_blind08.txt",
		"tests/data/pii/eval_blind09.txt",  "tests/data/pii/eval_blind10.txt",
		"tests/data/pii/eval_blind11.txt",  "tests/data/pii/eval_blind12.txt",
		"tests/data/pii/eval_blind13.txt",  "tests/data/pii/eval_blind14.txt",
		"tests/data/pii/eval_blind15.txt",  "tests/data/pii/eval_blind16.txt",
		"tests/data/pii/eval_blind17.txt",  "tests/data/pii/eval_blind18.txt",
		"tests/data/pii/eval_blind19.txt",  "tests/data/pii/eval_blind20.txt",
		"tests/data/pii/eval_blind21.txt",  "tests/data/pii/eval_blind22.txt",
		"tests/data/pii/eval_blind23.txt",  "tests/data/pii/eval_blind24.txt",
		"tests/data/pii/eval_blind25.txt",  "tests/data/pii/eval_blind26.txt",
		"tests/data/pii/eval_blind27.txt",  "tests/data/pii/eval_blind28.txt",
		"tests/data/pii/eval_blind29.txt",  "tests/data/pii/eval_blind30.txt",
		"tests/data/pii/eval_blind31.txt",  "tests/data/pii/eval_blind32.txt",
		"tests/data/pii/eval_blind33.txt",  "tests/data/pii/eval_blind34.txt",
		"tests/data/pii/eval_blind35.txt",  "tests/data/pii/eval_blind36.txt",
		"tests/data/pii/eval_blind37.txt",  "tests/data/pii/eval_blind38.txt",
		"tests/data/pii/eval_blind39.txt",  "tests/data/pii/eval_blind40.txt",
		"tests/data/pii/eval_blind41.txt",  "tests/data/pii/eval_blind42.txt",
		"tests/data/pii/eval_blind43.txt",  "tests/data/pii/eval_blind44.txt",
		"tests/data/pii/eval_blind45.txt",  "tests/data/pii/eval_blind46.txt",
		"tests/data/pii/eval_blind47.txt",  "tests/data/pii/eval_blind48.txt",
		"tests/data/pii/eval_blind49.txt",  "tests/data/pii/eval_blind50.txt",
		"tests/data/pii/eval_blind51.txt",  "tests/data/pii/eval_blind52.txt",
		"tests/data/pii/eval_blind53.txt",  "tests/data/pii/eval_blind54.txt",
		"tests/data/pii/eval_blind55.txt",  "tests/data/pii/eval_blind56.txt",
		"tests/data/pii/eval_blind57.txt",  "tests/data/pii/eval_blind58.txt",
		"tests/data/pii/eval_blind59.txt",  "tests/data/pii/eval_blind60.txt",
		"tests/data/pii/eval_blind61.txt",  "tests/data/pii/eval_blind62.txt",
		"tests/data/pii/eval_blind63.txt",  "tests/data/pii/eval_blind64.txt",
		"tests/data/pii/eval_blind65.txt",  "tests/data/pii/eval_blind66.txt",
		"tests/data/pii/eval_blind67.txt",  "tests/data/pii/eval_blind68.txt",
		"tests/data/pii/eval_blind69.txt",  "tests/data/pii/eval_blind70.txt",
		"tests/data/pii/eval_blind71.txt",  "tests/data/pii/eval_blind72.txt",
		"tests/data/pii/eval_blind73.txt",  "tests/data/pii/eval_blind74.txt",
		"tests/data/pii/eval_blind75.txt",  "tests/data/pii/eval_blind76.txt",
		"tests/data/pii/eval_blind77.txt",  "tests/data/pii/eval_blind78.txt",
		"tests/data/pii/eval_blind79.txt",  "tests/data/pii/eval_blind80.txt",
		"tests/data/pii/eval_blind81.txt",  "tests/data/pii/eval_blind82.txt",
		"tests/data/pii/eval_blind83.txt",  "tests/data/pii/eval_blind84.txt",
		"tests/data/pii/eval_blind85.txt",  "tests/data/pii/eval_blind86.txt",
		"tests/data/pii/eval_blind87.txt",  "tests/data/pii/eval_blind88.txt",
		"tests/data/pii/eval_blind89.txt",  "tests/data/pii/eval_blind90.txt",
		"tests/data/pii/eval_blind91.txt",  "tests/data/pii/eval_blind92.txt",
		"tests/data/pii/eval_blind93.txt",  "tests/data/pii/eval_blind94.txt",
		"tests/data/pii/eval_blind95.txt",  "tests/data/pii/eval_blind96.txt",
		"tests/data/pii/eval_blind97.txt",  "tests/data/pii/eval_blind98.txt",
		"tests/data/pii/eval_blind99.txt",  "tests/data/pii/eval_blind100.txt",
		"tests/data/pii/eval_blind101.txt", "tests/data/pii/eval_blind102.txt",
		"tests/data/pii/eval_blind103.txt", "tests/data/pii/eval_blind104.txt",
		"tests/data/pii/eval_blind105.txt", "tests/data/pii/eval_blind106.txt",
		"tests/data/pii/eval_blind107.txt", "tests/data/pii/eval_blind108.txt",
		"tests/data/pii/eval_blind109.txt", "tests/data/pii/eval_blind110.txt",
		"tests/data/pii/eval_blind111.txt", "tests/data/pii/eval_blind112.txt",
		"tests/data/pii/eval_blind113.txt", "tests/data/pii/eval_blind114.txt",
		"tests/data/pii/eval_blind115.txt", "tests/data/pii/eval_blind116.txt",
		"tests/data/pii/eval_blind117.txt", "tests/data/pii/eval_blind118.txt",
		"tests/data/pii/eval_blind119.txt", "tests/data/pii/eval_blind120.txt",
		"tests/data/pii/eval_blind121.txt", "tests/data/pii/eval_blind122.txt",
		"tests/data/pii/eval_blind123.txt", "tests/data/pii/eval_blind124.txt",
		"tests/data/pii/eval_blind125.txt", "tests/data/pii/eval_blind126.txt",
		"tests/data/pii/eval_blind127.txt", "tests/data/pii/eval_blind128.txt",
		"tests/data/pii/eval_blind129.txt", "tests/data/pii/eval_blind130.txt",
		"tests/data/pii/eval_blind131.txt", "tests/data/pii/eval_blind132.txt",
		"tests/data/pii/eval_blind133.txt", "tests/data/pii/eval_blind134.txt",
		"tests/data/pii/eval_blind135.txt", "tests/data/pii/eval_blind136.txt",
		"tests/data/pii/eval_blind137.txt", "tests/data/pii/eval_blind138.txt",
		"tests/data/pii/eval_blind139.txt", "tests/data/pii/eval_blind140.txt",
		"tests/data/pii/eval_blind141.txt", "tests/data/pii/eval_blind142.txt",
		"tests/data/pii/eval_blind143.txt", "tests/data/pii/eval_blind144.txt",
		"tests/data/pii/eval_blind145.txt", "tests/data/pii/eval_blind146.txt",
		"tests/data/pii/eval_blind147.txt", "tests/data/pii/eval_blind148.txt",
		"tests/data/pii/eval_blind149.txt", "tests/data/pii/eval_blind150.txt",
		"tests/data/pii/eval_blind151.txt", "tests/data/pii/eval_blind152.txt",
		"tests/data/pii/eval_blind153.txt", "tests/data/pii/eval_blind154.txt",
		"tests/data/pii/eval_blind155.txt", "tests/data/pii/eval_blind156.txt",
		"tests/data/pii/eval_blind157.txt", "tests/data/pii/eval_blind158.txt",
		"tests/data/pii/eval_blind159.txt", "tests/data/pii/eval_blind160.txt",
		"tests/data/pii/eval_blind161.txt", "tests/data/pii/eval_blind162.txt",
		"tests/data/pii/eval_blind163.txt", "tests/data/pii/eval_blind164.txt",
		"tests/data/pii/eval_blind165.txt", "tests/data/pii/eval_blind166.txt",
		"tests/data/pii/eval_blind167.txt", "tests/data/pii/eval_blind168.txt",
		"tests/data/pii/eval_blind169.txt", "tests/data/pii/eval_blind170.txt",
		"tests/data/pii/eval_blind171.txt", "tests/data/pii/eval_blind172.txt",
		"tests/data/pii/eval_blind173.txt", "tests/data/pii/eval_blind174.txt",
		"tests/data/pii/eval_blind175.txt", "tests/data/pii/eval_blind176.txt",
		"tests/data/pii/eval_blind177.txt", "tests/data/pii/eval_blind178.txt",
		"tests/data/pii/eval_blind179.txt", "tests/data/pii/eval_blind180.txt",
		"tests/data/pii/eval_blind181.txt", "tests/data/pii/eval_blind182.txt",
		"tests/data/pii/eval_blind183.txt", "tests/data/pii/eval_blind184.txt",
		"tests/data/pii/eval_blind185.txt", "tests/data/pii/mask.txt",
	};
	struct yk_buf file;
	yk_buf_init(&file, 16u * 1024u * 1024u);
	struct markup_line ml;
	yk_buf_init(&ml.text, PII_INPUT_MAX);
	static struct pii_span with[4096];
	unsigned texts = 0, spans = 0;
	for (size_t f = 0; f < YK_ARRAY_LEN(files); f++) {
		yk_buf_reset(&file);
		REQUIRE(markup_read_file(files[f], &file) == 0);
		for (size_t i = 0; i < file.len;) {
			size_t e = i;
			while (e < file.len && file.data[e] != '\n')
				e++;
			if (e > i && file.data[i] != '#' && markup_parse(file.data + i, e - i, &ml) == 0) {
				const char *text = ml.text.data ? ml.text.data : "";
				const struct pii_span *sp;
				size_t nw = 0, no = 0;
				REQUIRE(pii__scan(sc, text, ml.text.len, 1, &sp, &nw) == 0);
				REQUIRE(nw <= YK_ARRAY_LEN(with));
				memcpy(with, sp, nw * sizeof(*sp));
				REQUIRE(pii__scan(sc, text, ml.text.len, 0, &sp, &no) == 0);
				CHECK_INT(nw, no);
				for (size_t k = 0; k < nw && k < no; k++)
					CHECK(with[k].start == sp[k].start && with[k].end == sp[k].end &&
					      with[k].type == sp[k].type);
				texts++, spans += (unsigned)nw;
			}
			i = e + 1;
		}
	}
	fprintf(stderr, "  cue pass: %u texts, %u spans, the same with and without\n", texts, spans);
	CHECK(texts > 2700 && spans > 4000); /* every file was read */
	yk_buf_release(&file);
	yk_buf_release(&ml.text);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* ENAMDICT look-ups of the eighth round: an unclassified person's name
 * (陸斗, (u)) has its own flag and is no given name or surname; a
 * half-width word from bank data, written without small letters, is also
 * read with ゃ/ゅ/ょ (ｼﾞﾕﾝ: じゅん), while a full-width word is not
 * (ジユン stays じゆん) and a reading that is right as written keeps its
 * large letter (ﾐﾖｺ: みよこ). Skipped when the dictionary is missing. */
static unsigned lookup_kana_utf8(const struct pii__names *names, const char *s)
{
	uint32_t cp[16], boff[17];
	size_t n = 0;
	if (text_fold_checked(s, strlen(s), cp, boff, &n) || n > 16)
		return 0;
	return pii__names_lookup_kana(names, cp, n);
}

TEST(names_unclassified_and_bank_kana)
{
	const struct pii__names *names = pii__names_get();
	if (!names) {
		fprintf(stderr, "  (no ENAMDICT: skipped)\n");
		return;
	}
	uint32_t rikuto[] = {0x9678, 0x6597}; /* 陸斗 */
	unsigned f = pii__names_lookup(names, rikuto, 2);
	CHECK(f & PII_NAME_PERSON_U);
	CHECK(!(f & (PII_NAME_GIVEN | PII_NAME_SURNAME)));
	CHECK(lookup_kana_utf8(names, "ｼﾞﾕﾝ") & PII_NAME_GIVEN_KANA);
	CHECK(lookup_kana_utf8(names, "ｷﾝｼﾞﾖｳ") & PII_NAME_SURNAME_KANA);
	CHECK(lookup_kana_utf8(names, "ﾐﾖｺ") & PII_NAME_GIVEN_KANA);
	CHECK(!(lookup_kana_utf8(names, "ジユン") & PII_NAME_GIVEN_KANA));
	/* a variant kanji is looked up under its common form (ninth round) */
	uint32_t takahashi[] = {0x9AD9, 0x6A4B}, takahashi_common[] = {0x9AD8, 0x6A4B}; /* 髙橋 */
	CHECK(pii__names_lookup(names, takahashi, 2) & PII_NAME_SURNAME);
	CHECK_INT(pii__names_lookup(names, takahashi, 2),
		  pii__names_lookup(names, takahashi_common, 2));
	uint32_t not_a_name[] = {0x9AD9, 0x9AD9, 0x9AD9, 0x9AD9}; /* 髙髙髙髙 */
	CHECK_INT(pii__names_lookup(names, not_a_name, 4), 0);
}

/* The eighth round's rules look before and after their cues: texts that
 * end or start right at a cue, each copied to a buffer of its exact length
 * (ASan sees a read past it), must scan, and give what they give alone
 * after a longer text (nothing read past the end). */
TEST(eighth_round_rules_at_the_text_edges)
{
	static const char *const texts[] = {
		"松岡 ", "○松岡 ", "○松岡保育企画課長", "戸次 ", "（", "三苫（姓不詳", "（姓不詳）",
		"[10:2", "[10:25] 河野", "[10:25] 河野：", "はなこ より", "一樹 より", "加藤 樹　令和",
		"園の藤田", "港区の森で", "相談員は", "2,石原 ", ",ﾖｼﾀﾞ ﾒｲ", "ﾖｼﾀﾞ ﾒｲ,", "宮本さとみ君",
		"さん", "Arjun（", "息子 Arjun（2019", "来庁：Maria", "John A.", "金沢市長", "子ども",
		"問合せ：gikai-chosa@city.example.jp／", "送付先：a@b.jp\n〒650-8567",
		/* ninth round */
		"妻 ", "妻 和子", "妻 和子（", "弟の湊（1", "母 Sita", "児童名：", "児童名：指宿 ",
		"隣人 満留 和夫", "担任山口", "担任山口：", "[10:03] 市民課 三宅", "[10:03", "鶴田」",
		"。鶴田」", "木下ツネ", "木下ツネ子", "（北村→", "（北村→石狩 亜紀さん", "榎園 陽斗\n陽斗",
		"佐野 かおり", "佐野 かおり議", "Child: ", "Child: Aliyah", "ミンちゃ", "のゆいちゃ",
		"市民課 大西／", "岩崎 修一\n岩崎危機管理", "ご主人の", "娘さんのさくら", "の",
		"さんの", "堀江（", "堀江（収納", "Reyes家", "国籍のRosalie", "Mr. ", "Mr. Tanaka",
		"担当：前川真奈", "今給黎", "：今給黎", "鹿島建設の永吉で", "名：", "名：蒼空", "名 ",
		"旧氏：坂之上", "妻（", "妻（ヨシ", "息子（敦", "ヘルパー ", "ヘルパー 松下", "SW 今村",
		"お電話した 永井 で", "係 宮崎 内線",
		/* tenth round */
		"[10:02] 二宮（", "[10:02] 二宮（納税", "(Teams", "(Teams)市民課 菅", "欣怡ちゃ",
		"ハユンちゃ", "長女琴音・", "長女琴音・長男", "対象児 加藤 ", "元夫坂本 ", "Miguel（",
		"Miguel（2017", "서연（ソヨ", "이민준", "担当\n中", "ｺﾏﾂ ", "ｺﾏﾂ ｹﾝｲﾁ", "○課長（松下",
		"対応（フジ", "7/31（金", "包括 高台 ", "10:0", "10:02 ", "10:02 二宮", "(LINE WO",
		"박지훈（パク ",
		/* eleventh round */
		"妻 美咲 H2", "妻 美咲 H2.5.1", "長男 蒼 ", "調査対象者", "対象者：杉山 和也 / ",
		"様（昭和13年", "ミツ子 様（昭和13年9月9日", "くん（1歳児、", "くん（1歳", "協会 菅原",
		"協会 菅原：", "[14:20] 国際交流協会 菅", "長女 Vyちゃ", "Vyくん", "面接員：長谷川　",
		"Rizky Pratama さん（", "Rizky Pratama さん（リズキ", "聴取者 村岡　確認日 R",
		"下小野田 美香", "：下小野田", "被保険者 千葉 タ", "千葉 タケ", "東郷 様", "長男 アーユ",
		"長男 アーユッシュく", "長男 アーユッシュくん", "SETIAWAN BUDI\n", "SETIAWAN BUDI\nセティ",
		"SETIAWAN BUDI\nセティアワン ブ", "田村 恵子\nタムラ",
		/* twelfth round (a) */
		"REYES, Angelica Santos:", "REYES, Angelica", "K.", "K.C.", "K.C. SUMAN", "K.C. SU",
		"My son ", "My son Gabriel", "my daughter Emi", "職員", "職員大塚", "職員大塚:",
		"（職員 ", "（職員 小松", "（職員 小松）", "张", "张丽", "张丽:", "叫刘子", "叫刘子涵",
		"嫁 刘 ", "嫁 刘 芳", "31-7（川原", "31-7（川原方", "31-7（川原方）", "児 蒼", "児 蒼く",
		"児 蒼くん", "夫：Pradeep", "夫：Pradeep（", "陳 偉,", "陳 偉,チン", "陳 偉,チン イ",
		"普通自動車 トヨタ プ", "アディカリさ", "アディカリさん", "Chromebook CB-",
		"Chromebook CB-1", "WANG LI（中国籍", "隊長 前田 隊員 浦川・",
		/* thirteenth round (a) */
		"Rowena", "Rowena:", "Rowena: hi\nRowena", "Rowena: hi\nRowena:", "[14:21] Fernanda:",
		"・Cristina", "・Cristina:", "- KIM", "Minha filha ", "Minha filha Isabela", "si ",
		"si John", "mother of Jhon", "[7:05] 選管 ", "[7:05] 選管 杉浦", "[7:05] 選管 杉浦:",
		"出席：森 千尋\n・森", "出席：森 千尋\n・森:", "陳 ", "陳 思", "陳 思涵", "祖母の劉 玉",
		"入居者 朴 美", "RODRIGUES Marcia\t", "旧姓 ", "旧姓 REYES", "Lucas（3年）、",
		"Lucas（3年）、Beatriz", "Lucas（3年）、Beatriz（", "Jose Rizal（死", "子：", "子：蒼空",
		"子：蒼空（令和3", "妻 Sita・", "0318,李 浩宇,リ", "○37番（大石 ", "○37番（大石 仁人",
		"大石 仁人議", "Tran Van", "Tran Van Duc", "むすこ ", "むすこ アユシュ", "つまの マ",
		/* fourteenth round (a) */
		"Em là ", "Em là Hoa", "Sou", "Sou ", "Sou A", "저는 ", "저는 박지", "저는 박지훈입",
		"박지훈입니", "여보세요, 이수진입", "我是", "我是陈", "（訳", "（訳：", "（訳：ホア",
		"（訳：ホアで", "ho.（ビ", "Thank you,", "Thank you, ", "Thank you, J", "Roberto Jr",
		"Villanueva, Roberto Jr.", "王さ", "5番佐藤 ", "5番佐藤 真由美議", "：Kenji po",
		"：Kenji po,", "✗ 堀 ", "✗ 堀 キ", "✗ 堀 キク", "妻 美和子 S54.11.2生、長男 蒼 H21.7.30",
		"妻 美和子 S54.11.2生、長男 蒼 H21.7.30生", "山田 一郎\n長男 蒼 H21.7.30生",
		"我是陈静（", "我是陈静（チ", "我是陈静（チン ",
		"छोरा Aar", "छोरा Aarav", "14番、Fil", "14番、Filomena", "Mero naam ",
		"4", "4 ", "4 藤井 ", "4 藤井 ミ", "123",
		"山田 花子\n子 Joshua 2022/06/1", "山田 花子\n子 Joshua 2022/06/17生",
		"妻 阿部茉莉→", "妻 阿部茉莉→髙", "妻 阿部茉莉→髙橋茉", "山田 花子→佐藤 ",
		/* sixteenth round (a) */
		"二男 陽向（", "二男 湊斗（小", "[14:30] CW ", "[14:30] CW 上野", "[14:30] CW",
		"出席：藤原 修\n藤原副会長", "出席：Kim Soo\nKim委員", "恵子：a\n母：b\n恵子",
		"恵子：a\n母：b\n恵子：", "10:0 ", "19:0", "bé Minh", "chhora ", "（中文表記 ",
		"（中文表記 张", "（中文表記 张丽", "Gabriel 9", "Gabriel 9さ", "子2人（", "子2人（Mateo",
		"子2人（Mateo、", "浩二兄", "浩二兄さ", "我女儿", "我女儿小", "我女儿小雨", "丸山 キ",
		"は丸山 キヨ", "（妻 Maya", "張 偉\n男", "張 偉\n男\n", "張 偉\n男\n1998", "読み ",
		"山田 花子\n読み チョウ", "[10:02] Maria:", "[10:01] a：\n[10:02] Maria:\n[10:03] a：",
		"[1", "12:00 ", "Em Đạt", "Tadi Pak", "Tadi Pak Budi", "Pak ", "ちゃんとそう",
		"ちゃんとそうす", "）とそうまくん", "とそうまくん", "市民活動課 横山、", "：市民活動課 横山、内",
		"長男和也", "長男和也（", "当直 ", "当直 高木", "宿直 松", "Best regards,",
		"Best regards, ", "Best regards, Bu",
		/* seventeenth round (a) */
		"[", "[包括", "[包括 ", "[包括 堀", "[包括 堀]", "[a]\n[包括 堀", "[a]\n[包括 堀]",
		"[a]\n[ 堀]", "[a]\n[包括 Go", "対", "対応", "対応 ", "対応 井", "対応 井上",
		"対応 井上・", "通訳", "通訳 ", "通訳 カ", "通訳：", "通訳：タガログ語（",
		"通訳：タガログ語（Vil", "（納税課 石", "（納税課 石井", "専門員 中", "（相談支援専門員 中島",
		"[08:05] 田老", "[08:05] 田老：", "[08:05] 田老：田老", "[08:05] 田老：田老第一",
		"っちゃん", "みっちゃ", "@みっちゃん", "@みっちゃんか", "ーくん", "@おっちゃん", "相談者：",
		"相談者：张", "相談者：张 ", "相談者：张 伟", "：张 伟", "子：李 娜\n",
		"義", "名義", "名義は", "名義は ", "名義はｸﾞ", "名義はｸﾞｴﾝ ", "名義：ｼﾔ)", "名義 ｸﾞｴﾝ ﾃｨ",
		"さん（", "娘さん（", "娘さん（由", "娘さん（由美", "長男陸斗（", "長男陸斗（ひ",
		"宮古市 国保年金課 小笠原", "宮古市 国保年金課 小笠原 ", "宮古市 国保年金課 小笠原 涼",
		"（本田", "（本田ケアマネ", "（本田ケアマネよ", "（森CW", "(森C",
		"SITI NURHALIZA /", "SITI NURHALIZA / ", "SITI NURHALIZA / シ", "SITI NURHALIZA /シティ ",
		"長男 アーラブ（", "長男 アーラブ（2019", "長男 アーラブ（2019.10.03", "長男 アーラブ（2019.10.03）",
		"【", "【a】\n【包括 堀", "【a】\n【包括 堀】", "【a】\n【包括 堀]",
	};
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	for (size_t k = 0; k < YK_ARRAY_LEN(texts); k++) {
		size_t len = strlen(texts[k]);
		char *exact = yk_xmalloc(len ? len : 1);
		memcpy(exact, texts[k], len);
		const struct pii_span *sp;
		size_t n, alone;
		CHECK_INT(pii_scan(sc, exact, len, &sp, &alone), 0);
		/* after a longer text the scanner's buffers hold its code points */
		const char *longer = "申請者：山田 太郎（長男）、同居男性 三苫（下の名前不明）、担当は森です。";
		CHECK_INT(pii_scan(sc, longer, strlen(longer), &sp, &n), 0);
		CHECK_INT(pii_scan(sc, exact, len, &sp, &n), 0);
		CHECK_INT(n, alone);
		free(exact);
	}
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* 1 when s gives a span of type ty whose text is exactly want. */
static int has_span(struct pii_scanner *sc, const char *s, enum pii_type ty, const char *want)
{
	const struct pii_span *sp;
	size_t n = 0;
	if (pii_scan(sc, s, strlen(s), &sp, &n))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (sp[i].type == ty && sp[i].byte_end - sp[i].byte_start == strlen(want) &&
		    memcmp(s + sp[i].byte_start, want, strlen(want)) == 0)
			return 1;
	return 0;
}

static size_t count_of(struct pii_scanner *sc, const char *s, enum pii_type ty)
{
	const struct pii_span *sp;
	size_t n = 0, k = 0;
	if (pii_scan(sc, s, strlen(s), &sp, &n))
		return (size_t)-1;
	for (size_t i = 0; i < n; i++)
		k += sp[i].type == ty;
	return k;
}

/* Windows that start at the same code point (a label alone and with the
 * names after it; a name with and without its honorific) are tagged from
 * one MeCab parse (text_analyze_prefixes()); sanitizer builds compare each
 * with a parse of its own. Windows at the text's first and last code
 * point, ends after multi-byte characters. */
TEST(windows_sharing_a_start)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	const char *list = "出席者：小林委員長、加藤委員、吉田委員";
	CHECK(has_span(sc, list, PII_PERSON, "小林"));
	CHECK(has_span(sc, list, PII_PERSON, "加藤"));
	CHECK(has_span(sc, list, PII_PERSON, "吉田"));
	CHECK_INT(count_of(sc, list, PII_PERSON), 3);
	CHECK(has_span(sc, "平野様", PII_PERSON, "平野"));
	CHECK(has_span(sc, "林さん", PII_PERSON, "林"));
	CHECK(has_span(sc, "橋本部長、阿部課長、石川主査", PII_PERSON, "橋本"));
	CHECK(has_span(sc, "橋本部長、阿部課長、石川主査", PII_PERSON, "阿部"));
	CHECK(has_span(sc, "世帯主 山本 誠 様", PII_PERSON, "山本 誠"));
	CHECK(has_span(sc, "記入者：岡本 由美子", PII_PERSON, "岡本 由美子"));
	CHECK_INT(count_of(sc, "予約番号：12345", PII_PERSON), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The ninth round (a)'s rules, each with a look-alike it must leave. */
TEST(ninth_round_structured_fields)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	/* a date in brackets after a child's honorific or a given name the
	 * layout rules find; not after a committee */
	CHECK(has_span(sc, "同伴：長男 Angeloくん（2019-04-02）", PII_DATE_OF_BIRTH, "2019-04-02"));
	CHECK(has_span(sc, "対象児童 長女 心春（2018.9.12）", PII_DATE_OF_BIRTH, "2018.9.12"));
	CHECK_INT(count_of(sc, "福祉委員会（2024.6.12）の議事録", PII_DATE_OF_BIRTH), 0);
	/* a date right after a reading's bracket; not an event's date */
	CHECK(has_span(sc, "申請者 三浦 真央（ミウラ マオ）1988.11.23", PII_DATE_OF_BIRTH,
		       "1988.11.23"));
	CHECK_INT(count_of(sc, "申請者 三浦 真央（ミウラ マオ）2024年11月5日来庁", PII_DATE_OF_BIRTH),
		  0);
	/* the era's year in brackets; 出生 as the label, not 出生届 */
	CHECK(has_span(sc, "生年月日：1979（昭和54）年3月14日", PII_DATE_OF_BIRTH,
		       "1979（昭和54）年3月14日"));
	CHECK(has_span(sc, "第2子出生 令和6年5月9日", PII_DATE_OF_BIRTH, "令和6年5月9日"));
	CHECK_INT(count_of(sc, "出生届 令和6年5月9日受付", PII_DATE_OF_BIRTH), 0);
	CHECK(has_span(sc, "生年月日 1990年（平成2年）4月1日", PII_DATE_OF_BIRTH,
		       "1990年（平成2年）4月1日"));
	CHECK(has_span(sc, "生年月日 昭和59年（1984年）10月7日", PII_DATE_OF_BIRTH,
		       "昭和59年（1984年）10月7日"));
	CHECK_INT(count_of(sc, "令和6年（2024年）4月1日から施行", PII_DATE_OF_BIRTH), 0);
	/* 誕生 and 生まれ as a label right before the date; not 誕生会 */
	CHECK(has_span(sc, "生まれ：2024年3月3日", PII_DATE_OF_BIRTH, "2024年3月3日"));
	CHECK_INT(count_of(sc, "誕生会 2024.3.3 開催", PII_DATE_OF_BIRTH), 0);
	/* a house's 所在地 is its owner's address, an office's is not */
	CHECK(has_span(sc, "被災住家の所在地：緑町2-3-4", PII_ADDRESS, "緑町2-3-4"));
	CHECK_INT(count_of(sc, "事務所の所在地：緑町1-2-3", PII_ADDRESS), 0);
	/* an age in brackets after a full date; not a weekday */
	CHECK(has_span(sc, "佐藤 花子、1948/2/3（76歳）", PII_DATE_OF_BIRTH, "1948/2/3"));
	CHECK_INT(count_of(sc, "受付日 2024年10月1日（火）", PII_DATE_OF_BIRTH), 0);
	/* a Japanese address in Latin letters: its postal code apart; a
	 * code abroad stays in its address */
	CHECK(has_span(sc, "Address: 2-3-4 Chuo, Midori-shi, Saitama 350-0001", PII_POSTAL_CODE,
		       "350-0001"));
	CHECK_INT(count_of(sc, "55 King Street West, Toronto, ON M5K 1A1, Canada", PII_POSTAL_CODE), 0);
	/* a table of slashes; a header of no personal column reads nothing */
	CHECK(has_span(sc, "提出用\n氏名／基礎年金番号\n石川 美樹／1234-567890",
		       PII_JP_BASIC_PENSION_NUMBER, "1234-567890"));
	CHECK_INT(count_of(sc, "科目／摘要\n年金／1234-567890", PII_JP_BASIC_PENSION_NUMBER), 0);
	/* ten digits in one piece after an insurance number's label; the
	 * insurer's number stays unreported */
	CHECK(has_span(sc, "介護保険被保険者番号：0123456789", PII_JP_HEALTH_INSURANCE,
		       "0123456789"));
	CHECK_INT(count_of(sc, "保険者番号：0312345678", PII_PHONE), 0);
	CHECK_INT(count_of(sc, "被保険者番号の照会は 03-1234-5678 へ", PII_JP_HEALTH_INSURANCE), 0);
	/* a rural lot number after a chain of municipalities; not an office */
	CHECK(has_span(sc, "被災住家：阿蘇郡南小国町満願寺1520（半壊）", PII_ADDRESS,
		       "阿蘇郡南小国町満願寺1520"));
	CHECK_INT(count_of(sc, "熊本市北区議会2024（案）の資料", PII_ADDRESS), 0);
	/* a town beside a person; not an office or a role */
	CHECK(has_span(sc, "相談者：田村 幸子 様（真庭市久世町）", PII_ADDRESS, "真庭市久世町"));
	CHECK(has_span(sc, "1. 福田 トメ（88）　御船町滝川", PII_ADDRESS, "御船町滝川"));
	CHECK_INT(count_of(sc, "来賓：森 一郎 様（熊本市議会議長）", PII_ADDRESS), 0);
	/* an address in half-width kana after its label */
	CHECK(has_span(sc, "ｼﾞｭｳｼｮ: ﾓﾘｵｶｼ ｵｵﾄﾞｵﾘ 3-5-1", PII_ADDRESS, "ﾓﾘｵｶｼ ｵｵﾄﾞｵﾘ 3-5-1"));
	CHECK_INT(count_of(sc, "ｼﾞｭｳｼｮ ﾍﾝｺｳ ﾉ ﾄﾄﾞｹ", PII_ADDRESS), 0);
	/* a phone right after an address's bracket, or after a person's
	 * honorific past a negative word; the negative word alone still wins */
	CHECK(has_span(sc, "連絡先：次男 佐野 拓（盛岡市中央通1-2-3）090-3333-4444", PII_PHONE,
		       "090-3333-4444"));
	CHECK(has_span(sc, "面談予約の佐野 拓さん（090-3333-4444）から電話", PII_PHONE,
		       "090-3333-4444"));
	CHECK_INT(count_of(sc, "予約番号 0312345678 を控える", PII_PHONE), 0);
	/* a licence between 第 and 号 with spaces; a resident code after a
	 * label ending in コード once the text has named it; not a budget
	 * code; a note in brackets after a long number is no part of it */
	CHECK(has_span(sc, "免許証番号 第 123456789012 号", PII_JP_DRIVERS_LICENSE,
		       "123456789012"));
	CHECK(has_span(sc, "住民票コードの変更\n新コード：13385654388（11/28付）",
		       PII_JP_RESIDENT_CODE, "13385654388"));
	CHECK_INT(count_of(sc, "住民票コードの案内\n予算コード：12345678901", PII_JP_RESIDENT_CODE),
		  0);
	CHECK(has_span(sc, "TEL 0299(66)7788", PII_PHONE, "0299(66)7788"));
	CHECK(has_span(sc, "運転免許証の写し\n番号 第 123456789012 号", PII_JP_DRIVERS_LICENSE,
		       "123456789012"));
	CHECK_INT(count_of(sc, "運転免許証の更新\n文書番号 第 123456789012 号",
			   PII_JP_DRIVERS_LICENSE),
		  0);
	/* a contact's label after the block is no building */
	CHECK(has_span(sc, "上越市西城町2丁目5番20号 TEL 025-523-4410", PII_PHONE, "025-523-4410"));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The tenth round (a)'s rules, each with a look-alike it must leave. */
TEST(tenth_round_structured_fields)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	/* a date alone in brackets after each name of a person's line; not
	 * after a committee, a thing or a date that goes on (現在) */
	CHECK(has_span(sc, "対象児 森田 陽菜（令和2年5月14日）", PII_DATE_OF_BIRTH, "令和2年5月14日"));
	CHECK(has_span(sc, "利用者：小川 トミ様（昭和8年2月3日）", PII_DATE_OF_BIRTH, "昭和8年2月3日"));
	CHECK_INT(count_of(sc, "対象児童 Liam（2016.04.11）、Emma（2019.08.30）", PII_DATE_OF_BIRTH),
		  2);
	CHECK_INT(count_of(sc, "委員会 福祉部会（令和7年11月5日）", PII_DATE_OF_BIRTH), 0);
	CHECK_INT(count_of(sc, "申請者 説明会（2025年11月5日）", PII_DATE_OF_BIRTH), 0);
	CHECK_INT(count_of(sc, "対象者：全員（令和7年12月1日現在）", PII_DATE_OF_BIRTH), 0);
	/* a chat answer: name、date です once the text asked for the birth date */
	CHECK(has_span(sc, "職員: 生年月日を教えてください\n市民: 川口 和夫、昭和30年4月2日です",
		       PII_DATE_OF_BIRTH, "昭和30年4月2日"));
	CHECK_INT(count_of(sc, "市民: 川口 和夫、令和7年4月2日です", PII_DATE_OF_BIRTH), 0);
	/* quoted values called a sample; a quoted value that is not */
	CHECK_INT(count_of(sc, "※下の記載例にある「緑川 一郎」「048-000-0000」は見本です。", PII_PHONE),
		  0);
	CHECK(has_span(sc, "申請者は「緑川 一郎」さん、電話「048-123-4567」です。", PII_PHONE,
		       "048-123-4567"));
	/* a staff member's 直通 line under the name; the unit's without one */
	CHECK(has_span(sc, "市民課 住民記録係\n森 太一\nTEL 048-222-1111（代表）\n直通 048-222-3344",
		       PII_PHONE, "048-222-3344"));
	CHECK_INT(count_of(sc, "市民課 住民記録係\n直通 048-222-3344", PII_PHONE), 0);
	/* a card's symbol and number joined by a hyphen: two values; 被保番 */
	CHECK_INT(count_of(sc, "国保 記号番号：緑国34-56781", PII_JP_HEALTH_INSURANCE), 2);
	CHECK_INT(count_of(sc, "国保の記号番号は 緑12-3456 です", PII_JP_HEALTH_INSURANCE), 1);
	CHECK(has_span(sc, "被保番 0034567812", PII_JP_HEALTH_INSURANCE, "0034567812"));
	CHECK_INT(count_of(sc, "保険者番号 0034567812", PII_JP_HEALTH_INSURANCE), 0);
	/* a pension number in its two boxes; not after another number's label */
	CHECK_INT(count_of(sc, "基礎年金番号（4桁）5521（6桁）337810", PII_JP_BASIC_PENSION_NUMBER), 2);
	CHECK_INT(count_of(sc, "整理番号（4桁）5521（6桁）337810", PII_JP_BASIC_PENSION_NUMBER), 0);
	/* a list of offices with their kind before each place; not a
	 * contact list of persons */
	CHECK_INT(count_of(sc,
			   "子育て支援センター一覧\n支援センター 桜台 048-201-1111\n"
			   "支援センター 緑町 048-201-2222",
			   PII_PHONE),
		  0);
	CHECK_INT(count_of(sc, "緊急連絡網\n保護者 山田 048-201-1111\n保護者 川口 048-201-2222",
			   PII_PHONE),
		  2);
	CHECK_INT(count_of(sc, "相談センター 連絡先\n担当 山田 048-111-2222\n担当 川口 048-111-3333",
			   PII_PHONE),
		  2);
	/* a landline in brackets after a title with no name; with a name */
	CHECK_INT(count_of(sc, "回答者 人事課長（048-555-1212）", PII_PHONE), 0);
	CHECK_INT(count_of(sc, "回答者 福祉部長 048-555-1313", PII_PHONE), 0);
	CHECK(has_span(sc, "斉藤係長（048-555-1212）に確認", PII_PHONE, "048-555-1212"));
	/* a JA cooperative in a tab row; six digits after the type */
	CHECK(has_span(sc, "金融機関\t支店\t種別\t口座番号\nJAさくら\t西支所\t普通\t0012345",
		       PII_JP_BANK_ACCOUNT, "JAさくら\t西支所\t普通\t0012345"));
	CHECK(has_span(sc, "口座は千葉銀行 柏支店 普通 123456 です", PII_JP_BANK_ACCOUNT,
		       "千葉銀行 柏支店 普通 123456"));
	CHECK_INT(count_of(sc, "千葉銀行 柏支店 普通 123456円", PII_JP_BANK_ACCOUNT), 0);
	/* a kana town before its 丁目; a lot number before a phone, not an
	 * office's number */
	CHECK(has_span(sc, "連絡先：松山市道後ゆのまち2丁目3-4", PII_ADDRESS,
		       "松山市道後ゆのまち2丁目3-4"));
	CHECK_INT(count_of(sc, "市役所から2丁目まで歩く", PII_ADDRESS), 0);
	CHECK(has_span(sc, "届出人 妻 石田 和子　今治市波方町樋口1205　0898-41-2233", PII_ADDRESS,
		       "今治市波方町樋口1205"));
	CHECK_INT(count_of(sc, "今治市議会2025 0898-36-1500", PII_ADDRESS), 0);
	/* where a form is handed in is an office; a 送付先 may be a person's */
	CHECK_INT(count_of(sc, "申請書の提出先 〒350-8601 みどり市中央1丁目1番1号", PII_ADDRESS), 0);
	CHECK(has_span(sc, "送付先 〒350-0001 みどり市中央2-3-4", PII_ADDRESS, "みどり市中央2-3-4"));
	/* a numbered column (希望施設1) keeps a header a header; a row of
	 * data with a number in a cell is none */
	CHECK(has_span(sc,
		       "No,利用者氏名,フリガナ,生年月日,希望施設1,希望施設2\n"
		       "7,SHRESTHA ANISH,シュレスタ アニシュ,2022/03/15,さくら園,ひまわり園",
		       PII_DATE_OF_BIRTH, "2022/03/15"));
	CHECK_INT(count_of(sc, "予算,科目2\n2025/03/15,12", PII_DATE_OF_BIRTH), 0);
	/* a lot number right before 在住; not an office's number */
	CHECK(has_span(sc, "相談者は熊谷市妻沼中央1500在住の方", PII_ADDRESS, "熊谷市妻沼中央1500"));
	CHECK_INT(count_of(sc, "熊谷市議会2025在住者向けの説明", PII_ADDRESS), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The tenth round (b)'s name rules, on probes written for them (names
 * and layouts not in the labelled files), each with a look-alike it must
 * leave. */
TEST(tenth_round_names)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	/* chat speakers: a section in brackets, a tool's name, one kanji
	 * after a unit, the same speaker alone later */
	CHECK(has_span(sc, "[14:20] 松本（収納）: 明日の件です\n[14:21] 岡田（国保）: 了解", PII_PERSON,
		       "松本"));
	CHECK(has_span(sc, "(Slack)介護保険課 村井：認定の件です\n福祉課 堀：了解です\n村井：助かります",
		       PII_PERSON, "村井"));
	CHECK(has_span(sc, "(Slack)介護保険課 村井：認定の件です\n福祉課 堀：了解です\n村井：助かります",
		       PII_PERSON, "堀"));
	CHECK_INT(count_of(sc, "[14:20] 受付（本庁）: 明日の件です", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "[10:00] 本部（災対）: 全員集合してください", PII_PERSON), 0);
	CHECK(has_span(sc, "10:02 新垣（収納）：口座の件です\n10:03 比嘉（国保）：了解", PII_PERSON,
		       "比嘉"));
	CHECK_INT(count_of(sc, "10:00 受付（本庁）：開始します", PII_PERSON), 0);
	CHECK(has_span(sc, "（LINE WORKS）子育て支援課 上原：明日の件です", PII_PERSON, "上原"));
	CHECK_INT(count_of(sc, "（LINE WORKS）子育て支援課 各位：明日の件です", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "(Teams)福祉課 北：地区の件です", PII_PERSON), 0);
	/* given names before ちゃん or くん, kanji and katakana */
	CHECK(has_span(sc, "住記上、子ども2人（宇航くん・梓涵ちゃん）で登録あり", PII_PERSON, "梓涵"));
	CHECK(has_span(sc, "先日ご相談の、ジウちゃんの入園について", PII_PERSON, "ジウ"));
	CHECK_INT(count_of(sc, "うちの新人くんと、ワンちゃんの散歩", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "この先生くんは誰、店長くんも", PII_PERSON), 0);
	/* relatives listed with ・ */
	CHECK(has_span(sc, "（ひとり親、長男大翔・次女美咲）来所", PII_PERSON, "美咲"));
	CHECK_INT(count_of(sc, "（ひとり親、長男・次女）来所", PII_PERSON), 0);
	/* a full name after a role or a relation, no honorific */
	CHECK(has_span(sc, "申立人\n対象児 石田 颯太（令和2年5月1日）", PII_PERSON, "石田 颯太"));
	CHECK(has_span(sc, "相談。元妻吉川 真理子との面会交流について", PII_PERSON, "吉川 真理子"));
	CHECK_INT(count_of(sc, "対象児 東京 大阪（令和2年5月1日）", PII_PERSON), 0);
	/* Latin given names before a dated bracket */
	CHECK(has_span(sc, "対象児童 Lucas（2016.03.12）、Beatriz（2019.07.30）", PII_PERSON,
		       "Beatriz"));
	CHECK_INT(count_of(sc, "対応OS Windows（2024.01 更新）", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "Version（2024.10.01）リリース", PII_PERSON), 0);
	/* Korean names in Hangul: before a reading, on a signature line */
	CHECK(has_span(sc, "娘の지우（ジウ）を入園させたいです。\n김서준", PII_PERSON, "지우"));
	CHECK(has_span(sc, "娘の지우（ジウ）を入園させたいです。\n김서준", PII_PERSON, "김서준"));
	CHECK_INT(count_of(sc, "件名：어린이집 입소 문의\n감사합니다", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "件名：입소 신청\n감사", PII_PERSON), 0);
	CHECK(has_span(sc, "「박지훈（パク ジフン）です」と名乗った", PII_PERSON, "박지훈"));
	/* a staff column under 担当 */
	CHECK(has_span(sc, "番号,世帯主,電話,担当\nA-1,佐藤 花子,090-1234-0001,堀田", PII_PERSON,
		       "堀田"));
	CHECK_INT(count_of(sc, "番号,区分,担当\nA-1,新規,窓口", PII_PERSON), 0);
	/* half-width katakana names in running text */
	CHECK(has_span(sc, "名義がｻｻｷ ﾐﾕｷじゃなくて別人です", PII_PERSON, "ｻｻｷ ﾐﾕｷ"));
	CHECK_INT(count_of(sc, "摘要はﾌﾘｺﾐ ﾃｽｳﾘﾖｳです", PII_PERSON), 0);
	/* a reading cell after a Latin name ENAMDICT cannot read */
	CHECK(has_span(sc, "R8-9,GURUNG SABIN,グルン サビン,2021/04/05", PII_PERSON, "グルン サビン"));
	/* a speaker of minutes named in brackets after the title */
	CHECK(has_span(sc, "○保険年金課長（石川健太）　お答えします。", PII_PERSON, "石川健太"));
	CHECK_INT(count_of(sc, "○保険年金課長（答弁）　お答えします。", PII_PERSON), 0);
	/* a katakana surname in brackets after a taker */
	CHECK(has_span(sc, "英語通訳対応（ヤマモト）", PII_PERSON, "ヤマモト"));
	CHECK_INT(count_of(sc, "英語通訳対応（タブレット）", PII_PERSON), 0);
	/* not names: a weekday after a date, a shared mailbox's note, a
	 * district in an office list */
	CHECK_INT(count_of(sc, "振替日：7/31（金）、8/31（月）", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "Mail: soudan@city.example.jp（共通）", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "包括 高台 053-415-0000\n包括 和合 053-472-0000", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "保健センター 北部 098-000-0000", PII_PERSON), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The cue searches of the seventh speed round answer as the plain loops
 * they replace: pii__find_cp() and pii__find_cp_in() as pii__skip_to_cp()
 * stopped at the end, from every start to every end; pii__walk the
 * positions of any of its code points in order, a cue at the text's first
 * and last code point included. And wave_signature(), which now walks the
 * lines' ends: the signature at the text's end, at a line's end in the
 * middle, on the last line, and not with the dash at the text's first
 * code point. */
TEST(cue_searches_answer_as_plain_loops)
{
	const char *s = "(山田):\n〜高橋 / 090 (佐藤)\n:";
	uint32_t cp[64], boff[65];
	size_t n = 0;
	REQUIRE(text_fold_checked(s, strlen(s), cp, boff, &n) == 0);
	struct pii__text t = {cp, boff, n, s, strlen(s), NULL, NULL};
	CHECK(cp[0] == '(' && cp[n - 1] == ':');
	static const uint32_t cues[] = {'(', ')', ':', '/', '\n', ' ', 0x301C, 'x'};
	for (size_t k = 0; k < YK_ARRAY_LEN(cues); k++)
		for (size_t i = 0; i <= n + 1; i++) {
			CHECK(pii__find_cp(&t, i, cues[k]) == (i > n ? n : pii__skip_to_cp(&t, i, cues[k])));
			for (size_t e = i; e <= n; e++) {
				size_t j = i;
				while (j < e && cp[j] != cues[k])
					j++;
				CHECK(pii__find_cp_in(&t, i, e, cues[k]) == j);
			}
		}
	for (size_t from = 0; from <= n; from++) {
		struct pii__walk w;
		pii__walk_init(&w, &t, from, cues, 4);
		size_t j = from;
		for (;;) {
			while (j < n && cp[j] != '(' && cp[j] != ')' && cp[j] != ':' && cp[j] != '/')
				j++;
			size_t got = pii__walk_next(&w);
			CHECK(got == j);
			if (got >= n)
				break;
			j++;
		}
		CHECK(pii__walk_next(&w) == n); /* and stays at the end */
	}

	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	CHECK(has_span(sc, "折り返しお願いします。〜高橋", PII_PERSON, "高橋"));
	CHECK(has_span(sc, "折り返しお願いします。〜高橋\n以上", PII_PERSON, "高橋"));
	CHECK(has_span(sc, "件名：確認\n折り返しお願いします。〜高橋", PII_PERSON, "高橋"));
	/* the sign-off rule wants a message before the dash (the learned
	 * model may read a lone 〜高橋 as the name it is: not this rule's) */
	pii__detector_use_model(d, NULL, 0);
	CHECK_INT(count_of(sc, "〜高橋", PII_PERSON), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The nineteenth round's health-insurance rules (issue 14), on probes
 * written for them: a household's card in headerless tab rows, a
 * care-insurance row with its care level, 枝番 values listed with slashes
 * and 番号 after the insurance's name; each with look-alikes it must
 * leave. Kept here rather than in cases.txt: every text added to
 * tests/data/pii reorders the learned model's training (its shuffle
 * depends on the count of texts) and flipped test_pii_learn's
 * names_the_rules_miss. */
TEST(nineteenth_round_insurance_rows)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	/* one household, the same 記号 and 番号, the 枝番 one more a row */
	static const char household[] = "森田 浩二\tS58.4.2\t07\t48120\t00\n"
					"森田 沙耶\tS60.11.19\t07\t48120\t01\n"
					"森田 陸\tH30.5.6\t07\t48120\t02";
	CHECK_INT(count_of(sc, household, PII_JP_HEALTH_INSURANCE), 9);
	CHECK(has_span(sc, household, PII_JP_HEALTH_INSURANCE, "48120"));
	/* one row alone, or rows whose numbers change: no card */
	CHECK_INT(count_of(sc, "森田 浩二\tS58.4.2\t07\t48120\t00", PII_JP_HEALTH_INSURANCE), 0);
	CHECK_INT(count_of(sc, "1月\t12\t30451\t01\t集計\n2月\t12\t31877\t02\t集計",
			   PII_JP_HEALTH_INSURANCE),
		  0);
	CHECK_INT(count_of(sc, "1月\t12\t30451\t01\n2月\t12\t30451\t01", PII_JP_HEALTH_INSURANCE), 0);
	/* a care-insurance row: its ten digits, first or after the address */
	CHECK(has_span(sc, "0003127745,石田 花子,S7.6.14,要支援2", PII_JP_HEALTH_INSURANCE,
		       "0003127745"));
	CHECK(has_span(sc, "戸川 光子\tS11.2.8\t横浜市南区六ツ川1-2\t0281447190\t要介護3",
		       PII_JP_HEALTH_INSURANCE, "0281447190"));
	CHECK_INT(count_of(sc, "戸川 光子\tS11.2.8\t0281447190\t要介護3", PII_PHONE), 0);
	CHECK_INT(count_of(sc, "0003127745,石田 花子,S7.6.14,通所", PII_JP_HEALTH_INSURANCE), 0);
	CHECK_INT(count_of(sc, "要介護3,2025年度,412人,1.8%", PII_JP_HEALTH_INSURANCE), 0);
	CHECK_INT(count_of(sc, "要介護6,0003127745,石田", PII_JP_HEALTH_INSURANCE), 0);
	/* a list under a title naming the care insurance: a row with a
	 * birth date; not a contact list, not a row without the date */
	CHECK(has_span(sc, "介護保険 施設入所者 一覧\n戸川 光子\t1936/07/21\t0281447190\t白樺苑",
		       PII_JP_HEALTH_INSURANCE, "0281447190"));
	CHECK_INT(count_of(sc, "緊急連絡先 一覧\n戸川 光子\t1936/07/21\t0281447190\t白樺苑",
			   PII_JP_HEALTH_INSURANCE),
		  0);
	CHECK_INT(count_of(sc, "介護保険 事業所 一覧\n白樺苑\t港南区\t0281447190\t通所",
			   PII_JP_HEALTH_INSURANCE),
		  0);
	/* 枝番 values listed with slashes */
	CHECK_INT(count_of(sc, "国保 記号 北03 番号 552017 枝番 00/01/02", PII_JP_HEALTH_INSURANCE),
		  5);
	CHECK_INT(count_of(sc, "国民健康保険の枝番 01/02 の2名分", PII_JP_HEALTH_INSURANCE), 2);
	/* 番号 after the insurance's name; not the insurer's, not short */
	CHECK(has_span(sc, "国保 番号 40219 枝番 02 の方", PII_JP_HEALTH_INSURANCE, "40219"));
	CHECK(has_span(sc, "後期高齢 番号 12034871 で再交付", PII_JP_HEALTH_INSURANCE, "12034871"));
	CHECK_INT(count_of(sc, "国保 保険者番号 123456 の変更", PII_JP_HEALTH_INSURANCE), 0);
	CHECK_INT(count_of(sc, "介護保険 番号 3 の窓口", PII_JP_HEALTH_INSURANCE), 0);
	CHECK_INT(count_of(sc, "受付 番号 40219 の方", PII_JP_HEALTH_INSURANCE), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The twentieth round (a)'s filter of names glued inside a company's name
 * after its legal form (issue 14). Kept here rather than in cases.txt:
 * every text added there retrains the learned model and moves spans near
 * its margin elsewhere (see docs/pii.md, "Fragility, and what to do"). */
TEST(twentieth_round_company_names)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	/* the surname of a full name found earlier, glued inside the
	 * company's name (found there before this round) */
	static const char firm[] = "共同経営者：山本 誠\n法人化後：（合同会社サミラ山本ファーム）";
	CHECK_INT(count_of(sc, firm, PII_PERSON), 1);
	CHECK(has_span(sc, firm, PII_PERSON, "山本 誠"));
	CHECK_INT(count_of(sc, "取引先 株式会社田中工務店 に発注", PII_PERSON), 0);
	/* a staff member after the company and の stays a name */
	CHECK(has_span(sc, "株式会社あさひ物産の山本さんから電話", PII_PERSON, "山本"));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The twentieth round (a)'s readings after their label (issue 14): the
 * label is no part of the name, before 氏名 (no honorific there) or after
 * a kanji name and a space. A TEST rather than lines of cases.txt, for
 * the reason above. */
TEST(twentieth_round_reading_labels)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const char before_field[] = "ﾌﾘｶﾞﾅ ﾐﾅﾐ ｹﾝﾀ 氏名 南 健太 電話 0299";
	CHECK(has_span(sc, before_field, PII_PERSON, "ﾐﾅﾐ ｹﾝﾀ"));
	CHECK(!has_span(sc, before_field, PII_PERSON, "ﾌﾘｶﾞﾅ ﾐﾅﾐ ｹﾝﾀ"));
	static const char after_name[] = "申請者 南 健太　ﾌﾘｶﾞﾅ ﾐﾅﾐ ｹﾝﾀ\n生年月日 S40.1.2";
	CHECK(has_span(sc, after_name, PII_PERSON, "ﾐﾅﾐ ｹﾝﾀ"));
	CHECK(!has_span(sc, after_name, PII_PERSON, "ﾌﾘｶﾞﾅ ﾐﾅﾐ ｹﾝﾀ"));
	/* a role's label before its value is no name (本名 is a surname
	 * ENAMDICT lists) */
	static const char real_name[] = "通称 松本 一郎（本名 PARK MINSU）の届出";
	CHECK(!has_span(sc, real_name, PII_PERSON, "本名"));
	CHECK(has_span(sc, real_name, PII_PERSON, "PARK MINSU"));
	/* a phone's label after a name and a space is the next field */
	CHECK(has_span(sc, "確認中 担当 村井 内線 3318", PII_PERSON, "村井"));
	CHECK(!has_span(sc, "確認中 担当 村井 内線 3318", PII_PERSON, "村井 内線"));
	/* a Chinese name opening its line, an ideographic space after it */
	CHECK(has_span(sc, "一覧\n林 雅婷　基礎年金番号 1234-567890", PII_PERSON, "林 雅婷"));
	/* a Latin name's dotted part: an abbreviated given name, initials
	 * and the capitals before them; not a list's mark, not a title */
	CHECK(has_span(sc, "Ma. Teresa Cruz Lopez 様\nMaraming salamat po.", PII_PERSON,
		       "Ma. Teresa Cruz Lopez"));
	CHECK(has_span(sc, "旅券のみ\nPERERA K.D. SAMAN\nN1234567", PII_PERSON,
		       "PERERA K.D. SAMAN"));
	CHECK(!has_span(sc, "A. Maria Santos", PII_PERSON, "A. Maria Santos"));
	CHECK(!has_span(sc, "Mr. John Smith 様", PII_PERSON, "Mr. John Smith"));
	/* a particle opening a Latin name; ダ inside a katakana name */
	CHECK(has_span(sc, "申請者 dos Santos Lima, Pedro Henrique（ドス サントス）", PII_PERSON,
		       "dos Santos Lima, Pedro Henrique"));
	CHECK(has_span(sc, "「オリベイラ ダ コスタ ルーカス様　ご案内", PII_PERSON,
		       "オリベイラ ダ コスタ ルーカス"));
	/* a cell's note after a surname is no given name; one kanji glued
	 * to the hiragana of its word is no name */
	CHECK_INT(count_of(sc, "1　原田 進　本町　なし\n2　坂口 ミヨ　本町　視覚", PII_PERSON), 2);
	CHECK(!has_span(sc, "1　原田 進　本町　なし", PII_PERSON, "本町　なし"));
	CHECK(!has_span(sc, "世帯主 村田 翼　新しい保険証 記号 6113", PII_PERSON, "新"));
	/* parts of an address abroad written with commas are no name; a
	 * surname, a comma and given names are */
	CHECK_INT(count_of(sc, "住所：12 Lê Lợi, phường Bến Nghé, quận Hải Châu, Đà Nẵng",
			   PII_PERSON),
		  0);
	CHECK_INT(count_of(sc, "親族の住所 Ward-5, Syangja, Gandaki Province, Nepal", PII_PERSON), 0);
	CHECK(has_span(sc, "申請者 Oliveira, Carlos Eduardo（オリベイラ）", PII_PERSON,
		       "Oliveira, Carlos Eduardo"));
	/* a place glued before a facility's kind is the facility */
	CHECK_INT(count_of(sc, "説明会\n城西小学校　1月28日\n飯田南小学校　2月4日", PII_PERSON), 0);
	/* a town before one of its units is the municipality */
	CHECK_INT(count_of(sc, "出席：大泉町 多文化協働課長、邑楽町 住民課", PII_PERSON), 0);
	/* a given name found after a surname that reads as a place, after
	 * a person's field; a Chinese given name that opens with 子 before
	 * a date of birth */
	CHECK(has_span(sc, "還付通知\n納税義務者：釧路 和子\n住所：", PII_PERSON, "釧路 和子"));
	CHECK(has_span(sc, "夫 王 強\n子 王 子軒 2021年5月4日生", PII_PERSON, "王 子軒"));
	/* an honorific 氏 after a kana name stays one */
	CHECK(has_span(sc, "担当 ミナミ ケンタ氏より連絡", PII_PERSON, "ミナミ ケンタ"));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The review of 2026-12-04 night: four mends, each with a text that went
 * wrong before and a look-alike the rule must still read as it did.
 * Kept here rather than in tests/data/pii: labelled lines there retrain
 * the learned model. */

/* A Hangul word inside a Korean sentence is skipped whole: the scan
 * used to restart on its second syllable and read the rest of the word
 * (a name and its particle 이) as a name standing alone. */
TEST(review_hangul_word_skipped_whole)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const char sentence[] = "수고하세요 박지훈이（ジフン）";
	CHECK(!has_span(sc, sentence, PII_PERSON, "지훈이"));
	CHECK(!has_span(sc, sentence, PII_PERSON, "훈이"));
	/* a name standing alone before its reading is still one */
	CHECK(has_span(sc, "孫の지훈（ジフン）", PII_PERSON, "지훈"));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* A taker's surname after a colon needs a taker's label before the
 * colon: with nothing (or katakana, hiragana) there, the label's test
 * compared an empty match with an empty run and took any colon. */
TEST(review_taker_label_not_empty)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	pii__detector_use_model(d, NULL, 0); /* the rule's test alone */
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	CHECK_INT(count_of(sc, "メモ（：今岡）", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "分別\n燃えるごみ：月", PII_PERSON), 0);
	/* a label of the list, or one ending in 者, still names a taker */
	CHECK(has_span(sc, "メモ（受：今岡）", PII_PERSON, "今岡"));
	CHECK(has_span(sc, "確認者：吉永", PII_PERSON, "吉永"));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Sixteen digits under カード番号 alone on the line above are the card's
 * though the Luhn check fails: the label's start was taken as if the
 * label stood right before the number on the same line. Another card's
 * label (ポイントカード番号) still gives nothing. */
TEST(review_card_label_on_line_above)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	CHECK(has_span(sc, "お支払い\nカード番号\n5241 0093 7718 2650\n以上", PII_CREDIT_CARD,
		       "5241 0093 7718 2650"));
	CHECK(has_span(sc, "カード番号\n5241 0093 7718 2650", PII_CREDIT_CARD,
		       "5241 0093 7718 2650"));
	CHECK_INT(count_of(sc, "ポイントカード番号\n5241 0093 7718 2650", PII_CREDIT_CARD), 0);
	CHECK_INT(count_of(sc, "会員カード番号\n5241 0093 7718 2650", PII_CREDIT_CARD), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Two rows of an insured household with the same symbol: the phones read
 * over the card's cells are dropped in each row, and the other cells
 * between (the first row's phone) are left alone. Without the title
 * naming medical care the rows are any list's. */
TEST(review_insured_rows_keep_phones)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const char rows[] = "医療費減免 照会CSV\n"
				   "田中 一郎,S14.6.3,本町,05,3301922,090-3321-5567\n"
				   "田中 花子,S16.2.1,本町,05,3301922,090-4412-7789";
	CHECK_INT(count_of(sc, rows, PII_JP_HEALTH_INSURANCE), 4);
	CHECK_INT(count_of(sc, rows, PII_PHONE), 2);
	CHECK(has_span(sc, rows, PII_PHONE, "090-3321-5567"));
	static const char list[] = "名簿\n"
				   "田中 一郎,S14.6.3,本町,05,3301922,090-3321-5567\n"
				   "田中 花子,S16.2.1,本町,05,3301922,090-4412-7789";
	CHECK_INT(count_of(sc, list, PII_JP_HEALTH_INSURANCE), 0);
	CHECK_INT(count_of(sc, list, PII_PHONE), 2);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* A spreadsheet's quoted CSV rows give the spans of the same rows without
 * quotes, at the quoted text's offsets (code points and bytes agree); a
 * cell holding a comma or a quote, or a quote that closes before other
 * text, keeps its quotes; invalid UTF-8 is refused as before. */
TEST(quoted_csv_rows_read_as_bare_cells)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const char bare[] = "児童扶養手当 受給者一覧\n"
				   "松本 千尋,マツモト チヒロ,1995/03/19,星田野市松塚2-4-18,全部支給\n"
				   "10633,Aisyah Putri,アイシャ プトゥリ,幌内別町字ポンナイ12番地,1";
	static const char quoted[] = "児童扶養手当 受給者一覧\n"
				     "\"松本 千尋\",\"マツモト チヒロ\",\"1995/03/19\",\"星田野市松塚2-4-18\",\"全部支給\"\n"
				     "\"10633\",\"Aisyah Putri\",\"アイシャ プトゥリ\",\"幌内別町字ポンナイ12番地\",\"1\"";
	const struct pii_span *sp;
	size_t nb = 0, nq = 0;
	REQUIRE(pii_scan(sc, bare, strlen(bare), &sp, &nb) == 0);
	struct pii_span want[16];
	REQUIRE(nb >= 6 && nb <= 16);
	memcpy(want, sp, nb * sizeof(*sp));
	REQUIRE(pii_scan(sc, quoted, strlen(quoted), &sp, &nq) == 0);
	CHECK_INT(nq, nb);
	for (size_t i = 0; i < nq && i < nb; i++) {
		CHECK_INT(sp[i].type, want[i].type);
		size_t len = want[i].byte_end - want[i].byte_start;
		CHECK_INT(sp[i].byte_end - sp[i].byte_start, len);
		CHECK(memcmp(quoted + sp[i].byte_start, bare + want[i].byte_start, len) == 0);
		/* the code points before the span, counted in the quoted text */
		CHECK_INT(sp[i].start, yk_utf8_count(quoted, sp[i].byte_start));
		CHECK_INT(sp[i].end, yk_utf8_count(quoted, sp[i].byte_end));
	}
	CHECK(has_span(sc, quoted, PII_DATE_OF_BIRTH, "1995/03/19"));
	CHECK(has_span(sc, quoted, PII_PERSON, "Aisyah Putri"));
	/* quotes kept: an amount with a comma, a quote inside, a quote closed
	 * before other text; the spans still point into the text */
	static const char kept[] = "\"松本 千尋\",\"21,600\",\"a \"\"b\"\"\",\"x\"y,\"1995/03/19\"";
	REQUIRE(pii_scan(sc, kept, strlen(kept), &sp, &nq) == 0);
	for (size_t i = 0; i < nq; i++) {
		CHECK(sp[i].byte_end <= strlen(kept));
		CHECK_INT(sp[i].start, yk_utf8_count(kept, sp[i].byte_start));
	}
	CHECK(has_span(sc, kept, PII_PERSON, "松本 千尋"));
	/* a quoted row after an invalid byte */
	static const char bad[] = "\"a\",\"b\"\n\"\xE3\",\"c\"";
	CHECK_INT(pii_scan(sc, bad, strlen(bad), &sp, &nq), YK_EUTF8);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* A name filling a cell, again as a whole cell of another row (not inside
 * a longer cell); a staff list parted by ・, one kanji after a surname
 * found, not a list of sections. */
TEST(cell_repeats_and_dot_lists)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const char roster[] = "日\t早番\t遅番\n12/1\t菅原\t斉藤\n12/2\t斉藤\t小田 一輝\n"
				     "12/3\t菅原\t斉藤商店\n";
	CHECK_INT(count_of(sc, roster, PII_PERSON), 5);
	CHECK(!has_span(sc, roster, PII_PERSON, "斉藤商店"));
	CHECK(has_span(sc, "訪問者：納税課 加藤・森", PII_PERSON, "森"));
	CHECK(has_span(sc, "訪問者：戸高・田爪（税務課）", PII_PERSON, "田爪"));
	CHECK_INT(count_of(sc, "出席者：総務課・企画課", PII_PERSON), 0);
	/* the look-alikes the dot-list and the chat-unit rules must leave,
	 * with the rules alone: the learned model retrained on session 21's
	 * read files reads 森 of 訪問者：森・林 and the speaker 辻 as persons */
	pii__detector_use_model(d, NULL, 0);
	CHECK_INT(count_of(sc, "訪問者：森・林", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "[11:20] 辻（在宅）: 了解です", PII_PERSON), 0);
	CHECK(has_span(sc, "[11:20] 辻（保険年金課）: 了解です", PII_PERSON, "辻"));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Rural blocks numbered 第…号 and 組, a prefecture before a town of five
 * kanji and its lot, a wing without a room; not a document's number or a
 * class. A log's sender after a unit and a message after the time. */
TEST(rural_blocks_and_unit_senders)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	CHECK(has_span(sc, "住所：白嶺町下山田第12号14番地", PII_ADDRESS, "白嶺町下山田第12号14番地"));
	CHECK(has_span(sc, "住所：別府市鉄輪上1組8", PII_ADDRESS, "別府市鉄輪上1組8"));
	CHECK(has_span(sc, "住所 奈良県宇陀野市大宇陀拾生1870", PII_ADDRESS,
		       "奈良県宇陀野市大宇陀拾生1870"));
	CHECK(has_span(sc, "住所：十峰村大字出谷418番地 2号棟", PII_ADDRESS,
		       "十峰村大字出谷418番地 2号棟"));
	CHECK_INT(count_of(sc, "告示第12号3番", PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, "市立第一中学校3年1組8番", PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, "奈良県宇陀野市議会事務局2025", PII_ADDRESS), 0);
	static const char log[] = "[Teams] 資産税係 藤井 9:12\n坂井 宏さんから電話あり\n"
				  "[Teams] 収納係 三国 9:15\n了解です";
	CHECK(has_span(sc, log, PII_PERSON, "三国"));
	CHECK(!has_span(sc, log, PII_PERSON, "収納係 三国"));
	static const char inline_log[] = "丹生 15:02：未登記家屋の所有者\n藤井 15:04：案内を送ります";
	CHECK(has_span(sc, inline_log, PII_PERSON, "丹生"));
	CHECK_INT(count_of(sc, "第一会議室 9:00\n第二会議室 13:30：準備", PII_PERSON), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Mends from 226-233: a 記号, 番号 and 枝番 row before a name; a child's
 * birth date before an age cell; ships in Latin capitals; a nationality
 * code after a crew member's name; a JA's district office; a glued
 * building letter; an estate named in kana; a given name glued to 宅. */
TEST(ninth_set_mends)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const char row[] = "3107,0058836,01,福田 修,1968/04/12,減免決定";
	CHECK_INT(count_of(sc, row, PII_JP_HEALTH_INSURANCE), 3);
	CHECK(has_span(sc, row, PII_JP_HEALTH_INSURANCE, "0058836"));
	CHECK_INT(count_of(sc, "3107,0058836,1,福田 修", PII_JP_HEALTH_INSURANCE), 0);
	CHECK(has_span(sc, "山口 ひかり\t2025/02/03\t1歳6か月\t未受診", PII_DATE_OF_BIRTH,
		       "2025/02/03"));
	CHECK_INT(count_of(sc, "山口 ひかり\t2025/02/03\t受付\t未受診", PII_DATE_OF_BIRTH), 0);
	CHECK_INT(count_of(sc, "岸壁使用許可：SHIOMI MARU NO.8（IMO 9012345）", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "入港予定：MV OCEAN PEARL、SEA BREEZE NO.5", PII_PERSON), 0);
	CHECK(has_span(sc, "船員名簿\n1. PRASETYO, Agus\u3000INA\u3000旅券 B9038172", PII_PERSON,
		       "PRASETYO, Agus"));
	CHECK(has_span(sc, "振込先：JAしまね 隠岐地区本部 普通 0031877", PII_JP_BANK_ACCOUNT,
		       "JAしまね 隠岐地区本部 普通 0031877"));
	CHECK(has_span(sc, "住所：大阪府吹田市古江台4丁目2番D-3-508", PII_ADDRESS,
		       "大阪府吹田市古江台4丁目2番D-3-508"));
	CHECK(has_span(sc, "家庭訪問（ひばり野団地3-108）", PII_ADDRESS, "ひばり野団地3-108"));
	CHECK_INT(count_of(sc, "市のみどり団地3-108", PII_ADDRESS), 0);
	CHECK(has_span(sc, "状況：祖母 宮田 ハツ宅で生活", PII_PERSON, "宮田 ハツ"));
	/* a prefecture where a person lives, or a register's; a surname */
	CHECK_INT(count_of(sc, "子：長男 内藤 修（東京、連絡取れず）", PII_PERSON), 1);
	CHECK_INT(count_of(sc, "司法書士 原田 恵子（登録番号 東京 第5123号）", PII_PERSON), 1);
	CHECK(has_span(sc, "担当：千葉（税務課）", PII_PERSON, "千葉"));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Later mends from 218-225: a surname that is also a place before a
 * given name found after a relation; a double given name parted by ・; a
 * caseworker glued to CW in a cell; a log whose senders are all surnames. */
TEST(eighth_set_later_mends)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	CHECK(has_span(sc, "控除対象扶養親族：長男 美浜 颯太（2007年5月3日生）", PII_PERSON,
		       "美浜 颯太"));
	CHECK(has_span(sc, "妻 佐野 アナ・パウラ、長女 佐野 マリア", PII_PERSON, "佐野 アナ・パウラ"));
	CHECK_INT(count_of(sc, "サービス：デイ・ケア、ショート・ステイ", PII_PERSON), 0);
	static const char rows[] = "0422,長野 誠司,63,北浜,090-7716-2408,CW後藤\n"
				   "0431,山本 花子,70,北浜,080-2219-6675,CW帆足";
	CHECK(has_span(sc, rows, PII_PERSON, "後藤"));
	CHECK(has_span(sc, rows, PII_PERSON, "帆足"));
	CHECK_INT(count_of(sc, "種別,件数\n訪問,CW会議", PII_PERSON), 0);
	static const char log[] = "[Teams] 会議チャット\n丹生 15:02：未登記家屋の所有者について\n"
				  "藤井 15:04：案内を送ります";
	CHECK(has_span(sc, log, PII_PERSON, "丹生"));
	CHECK(has_span(sc, log, PII_PERSON, "藤井"));
	CHECK_INT(count_of(sc, "会議 9:00：開始\n受付 9:30：終了", PII_PERSON), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Mends from 234-241: an apostrophe inside a name in Latin letters; a name
 * written surname first with a comma, not a list of given names; a
 * status of residence or a country in a bracket after a name. */
TEST(tenth_set_mends)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	CHECK(has_span(sc, "転入 受付メモ\nLiam O'Connor、オーストラリア", PII_PERSON, "Liam O'Connor"));
	CHECK(has_span(sc, "O'NEILL SEAN（アイルランド）", PII_PERSON, "O'NEILL SEAN"));
	CHECK_INT(count_of(sc, "O'NEILL SEAN（アイルランド）", PII_PERSON), 1);
	CHECK_INT(count_of(sc, "It's OK", PII_PERSON), 0);
	CHECK(has_span(sc, "資格喪失届 受付\u3000Wijaya, Budi（インドネシア）", PII_PERSON,
		       "Wijaya, Budi"));
	CHECK(has_span(sc, "受付：Wijaya, Budi（インドネシア）", PII_PERSON, "Wijaya, Budi"));
	CHECK(!has_span(sc, "こども3人（Lucas, Sofia, Pedro）", PII_PERSON, "Lucas, Sofia"));
	CHECK_INT(count_of(sc, "通訳の依頼：Paredes, Elvis（定住者）", PII_PERSON) <= 1, 1);
	CHECK(!has_span(sc, "通訳の依頼：Paredes, Elvis（定住者）", PII_PERSON, "定住者"));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Mends from 242-249: a town named in kana before its 丁目 in kanji or
 * its block and lot; an estate's building and room after the lot and a
 * space; a wing and a room after the lot's number after 番地. */
TEST(eleventh_set_mends)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	CHECK(has_span(sc, "新住所：芝原市けやき台三丁目5番 けやき台団地12号棟304号室", PII_ADDRESS,
		       "芝原市けやき台三丁目5番 けやき台団地12号棟304号室"));
	CHECK(has_span(sc, "住所は 芝原市けやき台3-5 けやき台団地14-208 です。", PII_ADDRESS,
		       "芝原市けやき台3-5 けやき台団地14-208"));
	CHECK(has_span(sc, "潮見市大浦字高台12番地1 2号棟409号室。", PII_ADDRESS,
		       "潮見市大浦字高台12番地1 2号棟409号室"));
	CHECK_INT(count_of(sc, "市はやく3-5倍に", PII_ADDRESS), 0);
	/* a speaker in brackets after a unit (with a marker) or a title
	 * opening the line before a colon; not a bill's subject */
	CHECK(has_span(sc, "○水産課（熊谷）：種苗購入の補助について", PII_PERSON, "熊谷"));
	CHECK(has_span(sc, "メモ\n課長（中川）：来年度の減免", PII_PERSON, "中川"));
	CHECK_INT(count_of(sc, "○議案第3号（補正予算）について", PII_PERSON), 0);
	CHECK_INT(count_of(sc, "会議（本庁）：開始", PII_PERSON), 0);
	CHECK(!has_span(sc, "所在地：潮見市大浦字高台12番地1 2名", PII_ADDRESS,
			"潮見市大浦字高台12番地1 2名"));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Mends from 250-257: a Latin word before a name found alone (not across
 * a tab, not Em), a title's head glued to a name (副, 民生). */
TEST(twelfth_set_mends)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	CHECK(has_span(sc, "対象：Lourdes Manalo（84）、長女", PII_PERSON, "Lourdes Manalo"));
	CHECK(has_span(sc, "同時手続メモ：Kimura Rodrigo（1991/03/02）", PII_PERSON,
		       "Kimura Rodrigo"));
	CHECK_INT(count_of(sc, "Hello Maria（母）", PII_PERSON) <= 1, 1);
	CHECK(!has_span(sc, "Hello Maria（母）", PII_PERSON, "Hello Maria"));
	CHECK(has_span(sc, "○吉川副委員長　商店街の", PII_PERSON, "吉川"));
	CHECK(has_span(sc, "困難。三浦民生委員が週2回訪問", PII_PERSON, "三浦"));
	CHECK(has_span(sc, "担当：田中副主査", PII_PERSON, "田中"));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Mends from 258-265: a postal code between an address's label and a town
 * of one municipality; one more Latin word before Japanese text; a card's
 * 番号 in the cell after its 記号. */
TEST(thirteenth_set_mends)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	CHECK(has_span(sc, "住所：〒7270311 比和谷町本郷2033\n電話", PII_ADDRESS, "比和谷町本郷2033"));
	CHECK_INT(count_of(sc, "会場：比和谷町本郷2025年度", PII_ADDRESS), 0);
	CHECK(has_span(sc, "母 Mendoza Maria Cristina：フィリピン出身", PII_PERSON,
		       "Mendoza Maria Cristina"));
	CHECK(!has_span(sc, "Maria Santos Tokyo在住", PII_PERSON, "Maria Santos Tokyo"));
	static const char rows[] = "No\t氏名\t続柄\t記号\t番号\n1\t高橋 健\t本人\t雲国12\t0041187";
	CHECK(has_span(sc, rows, PII_JP_HEALTH_INSURANCE, "0041187"));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Mends from 266-273: a name ends before は and a company; a role opening
 * a span is cut off; a title alone is no sender; a block numbered …号
 * before a lot in 番地; a certificate's English words. */
TEST(fourteenth_set_mends)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	CHECK(has_span(sc, "相談者 河合 祐介は合同会社カワイ工房（清和市内の板金業）の代表", PII_PERSON,
		       "河合 祐介"));
	CHECK(has_span(sc, "父 マガル ラム バハドゥール、児童 アーシャ（2020年4月1日生）", PII_PERSON,
		       "アーシャ"));
	CHECK_INT(count_of(sc, "[チャット 12/03 08:45] 室長：今日の法律相談\n[08:48] 室長：はい",
			   PII_PERSON),
		  0);
	CHECK(has_span(sc, "新住所 若狭浦町佐田18号12番地 ハイツ佐田201、前住所", PII_ADDRESS,
		       "若狭浦町佐田18号12番地 ハイツ佐田201"));
	CHECK_INT(count_of(sc, "告示18号12番地", PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, "Certificate of Legal Capacity to Contract Marriageを添付", PII_PERSON),
		  0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Mends from the first-run misses of the fifteenth to twenty-first sets
 * (batches 274-329), on probes written for them, each with a look-alike
 * it must leave. */
TEST(seventeenth_set_mends)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	/* a hamlet's address with no municipality; not a word with 字, not a
	 * parcel of land */
	CHECK(has_span(sc, "見守り：木村さん宅（大川字中島45）の雪下ろし", PII_ADDRESS, "大川字中島45"));
	CHECK(has_span(sc, "住所を上田字西浦12-3に変更", PII_ADDRESS, "上田字西浦12-3"));
	CHECK_INT(count_of(sc, "漢数字表記2で入力", PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, "対象農地：上田字西浦812番　畑 1,200㎡", PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, "上田字西浦812,山林,3,400", PII_ADDRESS), 0);
	/* a town in brackets after 宅 */
	CHECK(has_span(sc, "祖母 村井 ハナ宅（山川町黒坂2410）で同居", PII_ADDRESS, "山川町黒坂2410"));
	/* a passport's number in a list the text names as passports */
	static const char passports[] = "【研修参加者 旅券一覧】\n川口 美羽（2年）TK4018263 有効期限2031/03/14";
	CHECK(has_span(sc, passports, PII_PASSPORT, "TK4018263"));
	CHECK_INT(count_of(sc, "パスポート申請の受付。受付番号 R0812345 で処理", PII_PASSPORT), 0);
	/* resident codes in a spaced row under a text that names them; not
	 * without it */
	static const char codes[] = "表にしてください（列：氏名、生年月日、住民票コード）。\n"
				    "岡 啓介 S49.1.30 31807264519";
	CHECK(has_span(sc, codes, PII_JP_RESIDENT_CODE, "31807264519"));
	CHECK_INT(count_of(sc, "表にしてください。\n岡 啓介 S49.1.30 31807264519",
			   PII_JP_RESIDENT_CODE),
		  0);
	/* a municipality whose name is kanji and kana; not a word of time
	 * before the kana */
	CHECK(has_span(sc, "本籍 学園みらい市沼崎712番地", PII_ADDRESS, "学園みらい市沼崎712番地"));
	CHECK(has_span(sc, "先日みどり市緑町3丁目4番5号の前で", PII_ADDRESS, "みどり市緑町3丁目4番5号"));
	/* a numbered estate's room */
	CHECK(has_span(sc, "昨日、鵜川第1団地2-203の道下 キヨさん", PII_ADDRESS, "鵜川第1団地2-203"));
	/* an office's address above the office's line, and the town's name
	 * before its office; a person's address above a person's line stays */
	static const char sender[] = "〒071-8501 上雪川市永山町8丁目2番1号\n上雪川市役所 福祉部 長寿支援課";
	CHECK_INT(count_of(sc, sender, PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, sender, PII_PERSON), 0);
	static const char home[] = "〒071-8555 上雪川市永山町3丁目5番8号\n大塚 弘美 様";
	CHECK(has_span(sc, home, PII_ADDRESS, "上雪川市永山町3丁目5番8号"));
	/* offices listed with their landlines in brackets under a heading
	 * that names them; a list of persons stays */
	static const char centres[] = "地域包括支援センター一覧：東光（0165-43-5100）、永山（0165-47-2200）";
	CHECK_INT(count_of(sc, centres, PII_PHONE), 0);
	CHECK_INT(count_of(sc, centres, PII_PERSON), 0);
	static const char people[] = "緊急連絡先一覧：長男 東光（0165-43-5100）、長女 永山（0165-47-2200）";
	CHECK_INT(count_of(sc, people, PII_PHONE), 2);
	/* (batches 298-305) a municipality whose name holds の, after a
	 * particle; not a prefecture's phrase */
	CHECK(has_span(sc, "住所を杜の浦市日和ヶ丘一丁目5番2号に変更", PII_ADDRESS,
		       "杜の浦市日和ヶ丘一丁目5番2号"));
	CHECK(has_span(sc, "東京の府中市宮町1-2-3に住む", PII_ADDRESS, "府中市宮町1-2-3"));
	/* a public place's address and landline in the bracket after its
	 * name; a home for the elderly where a person lives keeps it */
	static const char centre[] = "ひばり野こども園（杜の浦市ひばり野三丁目2番1号、022-355-4870）は2名募集";
	CHECK_INT(count_of(sc, centre, PII_ADDRESS), 0);
	CHECK_INT(count_of(sc, centre, PII_PHONE), 0);
	CHECK(has_span(sc, "母は有料老人ホーム（旭川市永山2条19丁目3番1号）に入居", PII_ADDRESS,
		       "旭川市永山2条19丁目3番1号"));
	/* (batches 306-313) a lodging's landline in its bracket; a social
	 * welfare council as staff write it; a value then called a sample */
	CHECK_INT(count_of(sc, "民宿 大浦荘（字大浦、TEL 04992-7-2562）が空いています", PII_PHONE), 0);
	CHECK_INT(count_of(sc, "送迎希望は前日までに社協（04992-7-2250）へ。", PII_PHONE), 0);
	CHECK_INT(count_of(sc, "記入例の番号 1234 5678 9018 は見本用で、実在しません。",
			   PII_JP_MY_NUMBER),
		  0);
	CHECK(has_span(sc, "本人のマイナンバー 1234 5678 9018 は確認済み", PII_JP_MY_NUMBER,
		       "1234 5678 9018"));
	/* (batches 314-321) a space, or 甲 乙 丙, between the town and a lot in
	 * 番地 or with a hyphen; not an office's phone nor a postal code */
	CHECK(has_span(sc, "住所：対州市峰町佐賀 505番地", PII_ADDRESS, "対州市峰町佐賀 505番地"));
	CHECK(has_span(sc, "住所：対州市美津島町鶏知 乙1187番地", PII_ADDRESS,
		       "対州市美津島町鶏知 乙1187番地"));
	CHECK(has_span(sc, "永留さん、厳原町田渕 812-4の空き家", PII_ADDRESS, "厳原町田渕 812-4"));
	CHECK_INT(count_of(sc, "ご都合が悪い場合は湯ノ沢市介護高齢課 0279-22-2111 へご連絡ください",
			   PII_ADDRESS),
		  0);
	CHECK_INT(count_of(sc, "郵便番号一覧：斐川町直江 699-0502／大社町杵築南 699-0701", PII_ADDRESS),
		  0);
	/* a name of three parts, the katakana given name between */
	CHECK(has_span(sc, "氏名 宮城 カルロス 健、生年月日 昭和", PII_PERSON, "宮城 カルロス 健"));
	/* a teacher named in Portuguese */
	CHECK(has_span(sc, "Querida professora Sandra Mori,", PII_PERSON, "Sandra Mori"));
	/* (batches 322-329) a cooperative's brand after a particle glued
	 * before it; a word with JA inside is no bank */
	CHECK(has_span(sc, "口座はJAおきなわ 南浜支店 普通 0093825。", PII_JP_BANK_ACCOUNT,
		       "JAおきなわ 南浜支店 普通 0093825"));
	CHECK(!has_span(sc, "口座はJAPAN 南浜支店 普通 0093825。", PII_JP_BANK_ACCOUNT,
			"JAPAN 南浜支店 普通 0093825"));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The code points of s (valid UTF-8). */
static size_t cp_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* A long document's rules look their candidates up in indexes (sorted
 * bounds, line starts, parts) where they walked every candidate at every
 * position, which cost the square of the length (a 3 MB paste took 8.6 s).
 * The lookups must answer as the walks did: a document of records apart
 * gives each copy of a record the spans the record gets alone, at its
 * offset, however many copies (300 copies: some 3,000 candidates, past
 * every index's threshold); and a notice's part holding the text's only
 * candidate is still that part (an index equal to the count of candidates
 * once marked a candidate of no part). */
TEST(long_documents)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const char rec[] =
		"申請者：山田 太郎（携帯 090-1234-5678）\n"
		"住所：みどり市中央1丁目2番3号 グリーンハイツ201号室\n生年月日：昭和58年4月1日\n\n"
		"【お知らせ】\n粗大ごみの収集日が変わります。\n"
		"問い合わせ：みどり市役所 環境課 電話 0299-55-1234\n\n"
		"氏名,フリガナ,電話\n田中 花子,タナカ ハナコ,080-1111-2222\n\n"
		"みどり市 税務課\n鈴木 一郎\n直通 0299-55-9876";
	const struct pii_span *sp;
	size_t n1 = 0;
	REQUIRE(pii_scan(sc, rec, strlen(rec), &sp, &n1) == 0);
	/* the applicant's name, mobile, address and birth date, the table's
	 * name, reading and mobile, the signature's name and direct line;
	 * not the office's number under the notice */
	CHECK_INT(n1, 9);
	struct pii_span one[16];
	REQUIRE(n1 <= 16);
	memcpy(one, sp, n1 * sizeof(*sp));
	enum { COPIES = 300 };
	struct yk_buf doc;
	yk_buf_init(&doc, PII_INPUT_MAX);
	for (int k = 0; k < COPIES; k++)
		REQUIRE((k == 0 || yk_buf_adds(&doc, "\n\n") == 0) && yk_buf_adds(&doc, rec) == 0);
	size_t n = 0;
	REQUIRE(pii_scan(sc, doc.data, doc.len, &sp, &n) == 0);
	CHECK_INT(n, COPIES * n1);
	size_t step = cp_len(rec) + 2, bad = 0;
	for (size_t i = 0; i < n && i < COPIES * n1; i++) {
		const struct pii_span *w = &one[i % n1];
		size_t off = i / n1 * step;
		bad += sp[i].start != w->start + off || sp[i].end != w->end + off ||
		       sp[i].type != w->type;
	}
	CHECK_INT(bad, 0);
	yk_buf_release(&doc);
	/* a council's summary for the public: the reservation line in its
	 * second part is the office's */
	static const char council[] =
		"令和8年度 第1回 みどり市地域公共交通会議 議事要旨（公開用）\n"
		"日時：令和8年10月3日 14:00〜15:00\n場所：みどり市役所 本庁舎 第2会議室\n"
		"出席：委員12名中10名\n\n【主な意見】\n委員A：市バス東線の減便で通院が難しくなっている。\n"
		"事務局：登録者200人を見込んでいる。\n"
		"委員B：予約電話（0299-55-4321）の受付時間を延長してほしい。";
	CHECK_INT(count_of(sc, council, PII_PHONE), 0);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* A log whose speakers are districts (田老：田老第一中学校 …) drops its
 * labels that are places too; a document judges that part by part: a chat
 * of staff whose surnames are places too (石井, 大森) pasted beside such a
 * log keeps its speakers, before it or after it (batch 348 as one
 * document lost eleven speakers to one district label of another text). */
TEST(district_logs_part_by_part)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const char chat[] = "石井：2番カウンターに日本語教室のテキストを借りたい方がいます\n"
				   "大森：翻訳タブレットを持って行きます\n大森：対応終わりました\n"
				   "石井：ありがとうございます！";
	static const char log[] = "避難所開設状況（19:00）\n田老：田老第一中学校 避難者12名\n"
				  "崎山：崎山公民館 8名\n田老：毛布20枚追加\n崎山：了解";
	CHECK_INT(count_of(sc, log, PII_PERSON), 0);
	const struct pii_span *sp;
	size_t n1 = 0;
	REQUIRE(pii_scan(sc, chat, strlen(chat), &sp, &n1) == 0);
	CHECK_INT(n1, 4);
	struct pii_span one[4];
	REQUIRE(n1 == 4);
	memcpy(one, sp, sizeof(one));
	char doc[1024];
	for (int order = 0; order < 2; order++) {
		snprintf(doc, sizeof(doc), "%s\n\n%s", order ? log : chat, order ? chat : log);
		size_t n = 0, off = order ? cp_len(log) + 2 : 0;
		REQUIRE(pii_scan(sc, doc, strlen(doc), &sp, &n) == 0);
		CHECK_INT(n, 4);
		for (size_t i = 0; i < n && i < 4; i++) {
			CHECK_INT(sp[i].start, one[i].start + off);
			CHECK_INT(sp[i].end, one[i].end + off);
			CHECK_INT(sp[i].type, PII_PERSON);
		}
	}
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* The spans of each text alone and in a document of the texts joined by
 * blank lines: equal, at the text's offset (1), or not (0). */
static int document_keeps_texts(struct pii_scanner *sc, const char *const *texts, size_t k)
{
	enum { MAXS = 64 };
	struct pii_span alone[8][MAXS];
	size_t na[8], off[8];
	char doc[4096] = "";
	size_t len = 0, cps = 0;
	if (k > 8)
		return 0;
	for (size_t j = 0; j < k; j++) {
		const struct pii_span *sp;
		if (pii_scan(sc, texts[j], strlen(texts[j]), &sp, &na[j]) != 0 || na[j] > MAXS)
			return 0;
		memcpy(alone[j], sp, na[j] * sizeof(*sp));
		size_t l = strlen(texts[j]);
		if (len + l + 3 > sizeof(doc))
			return 0;
		if (j) {
			memcpy(doc + len, "\n\n", 2);
			len += 2;
			cps += 2;
		}
		off[j] = cps;
		memcpy(doc + len, texts[j], l);
		len += l;
		cps += cp_len(texts[j]);
	}
	const struct pii_span *sp;
	size_t n = 0, at = 0;
	if (pii_scan(sc, doc, len, &sp, &n) != 0)
		return 0;
	for (size_t j = 0; j < k; j++)
		for (size_t i = 0; i < na[j]; i++, at++)
			if (at >= n || sp[at].start != alone[j][i].start + off[j] ||
			    sp[at].end != alone[j][i].end + off[j] || sp[at].type != alone[j][i].type)
				return 0;
	return at == n;
}

/* The public checks that asked the whole text whether it names anyone (a
 * bid result's mistyped 法人番号, a notice's landline or mailing code, a
 * company's 当座 account) ask the part of a document that holds the value
 * (2026-12-06, session 11): a case memo pasted above a notice names a
 * person, and the notice's values were counted personal; an account
 * pasted under a company's record of its own lost its account. Probes of
 * our own, each part with its spans alone and in the document. */
TEST(public_checks_part_by_part)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const char memo[] = "相談記録：申請者 森下 弘樹 様（090-4471-2280）から電話。";
	static const char bid[] = "入札結果のお知らせ\n件名：庁舎外壁改修工事\n"
				  "落札者：青葉建設株式会社（法人番号 4120001098763）\n"
				  "落札金額：21,450,000円";
	static const char venue[] = "相談会は予約制です。場所は白浜市役所本庁舎2階、市民相談室です。"
				    "予約は不要です。電話 0739-42-5511。";
	static const char mailing[] = "申請書は窓口へお持ちください。郵送の場合は〒649-2298まで。";
	static const char account[] = "振込口座：白浜信用金庫 本店営業部 当座 0457321";
	static const char company[] = "白浜工業株式会社（法人番号 4120001098763）";
	/* alone: the notice's values are nobody's, the account is found */
	CHECK_INT(count_of(sc, bid, PII_JP_CORPORATE_NUMBER), 0);
	CHECK_INT(count_of(sc, venue, PII_PHONE), 0);
	CHECK_INT(count_of(sc, mailing, PII_POSTAL_CODE), 0);
	CHECK_INT(count_of(sc, account, PII_JP_BANK_ACCOUNT), 1);
	/* one part naming nobody is still judged whole: the memo and the
	 * company's number on one line keep them */
	CHECK_INT(count_of(sc, "申請者 森下 弘樹 様。落札者：青葉建設株式会社（法人番号 4120001098763）",
			   PII_JP_CORPORATE_NUMBER),
		  1);
	const char *const memo_bid[] = {memo, bid};
	const char *const memo_venue[] = {memo, venue};
	const char *const memo_mailing[] = {memo, mailing};
	const char *const account_company[] = {account, company};
	CHECK(document_keeps_texts(sc, memo_bid, 2));
	CHECK(document_keeps_texts(sc, memo_venue, 2));
	CHECK(document_keeps_texts(sc, memo_mailing, 2));
	CHECK(document_keeps_texts(sc, account_company, 2));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* A document of pasted texts is read as each text alone where a rule
 * took another text as evidence (2026-12-06): a signature ends its text,
 * not only the document (…発送しました。\n藤堂, then another text); a
 * roster of seventeen names before a case memo took the sixteen sources
 * of a given name written again (勇気は…); the speakers of one text's chat
 * made a form's label of another a speaker (時間：); a notice about 保険証
 * made a household's number in another text's table a card's. */
TEST(documents_part_by_part)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	static const char signed_note[] = "書類は本日発送しました。確認をお願いします。\n藤堂";
	static const char notice[] = "来月の説明会は午後2時からです。";
	static const char roster[] =
		"名簿\n青柳 一郎\n赤城 次郎\n浅野 三郎\n荒井 四郎\n飯田 五郎\n石田 六郎\n"
		"井上 七郎\n岩田 八郎\n上田 九郎\n内田 十郎\n梅田 健二\n江藤 健三\n大西 健四\n"
		"小川 健五\n片山 健六\n北村 健七\n久保 健八";
	static const char memo[] = "相談票\n相談者：早瀬 勇気\n勇気は来月から就労の予定。";
	static const char chat[] = "朝の連絡\n藤堂：窓口を開けます\n桐島：了解です\n藤堂：よろしく";
	static const char form[] = "地域説明会のお知らせ\n会場：北公民館 12/8、南公民館 12/9\n"
				   "時間：いずれも19:00〜20:30\n主催：市民協働課";
	CHECK_INT(count_of(sc, signed_note, PII_PERSON), 1);
	CHECK_INT(count_of(sc, memo, PII_PERSON), 2);
	CHECK_INT(count_of(sc, form, PII_PERSON), 0);
	const char *const signed_first[] = {signed_note, notice};
	const char *const roster_first[] = {roster, memo};
	static const char household[] = "世帯番号\t氏名\t続柄\n00512345\t森田 誠\t世帯主\n"
					"00512345\t森田 花子\t妻";
	static const char card_notice[] = "保険証の更新のお知らせ：新しい資格確認書を郵送します。";
	const char *const chat_first[] = {chat, form};
	const char *const household_first[] = {household, card_notice};
	CHECK(document_keeps_texts(sc, signed_first, 2));
	CHECK(document_keeps_texts(sc, roster_first, 2));
	CHECK(document_keeps_texts(sc, chat_first, 2));
	CHECK(document_keeps_texts(sc, household_first, 2));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* More rules read part by part (2026-12-06, second round): a document of
 * pasted forms naming 生年月日 more than 64 times made every later name and
 * date a birth (堀江 美帆 2025年4月1日 来庁, in a part that names no birth);
 * a surname of one text's person, written in another text as the first
 * of a list of places (鳥羽と志摩で), became a name through
 * surname_again() and name_parts_repeat(), and lent the next place its
 * kind; another text's person made a memo's staff of 年末は…; a katakana
 * label once a text (アシスタント：) spoke twice in two pasted chats. Each
 * part gives exactly its text's spans, either order. */
TEST(documents_part_by_part_names)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	char labels[2048];
	size_t ll = 0;
	memcpy(labels, "出生届の様式\n", strlen("出生届の様式\n"));
	ll += strlen("出生届の様式\n");
	for (int i = 0; i < 70; i++) {
		memcpy(labels + ll, "生年月日欄\n", strlen("生年月日欄\n"));
		ll += strlen("生年月日欄\n");
	}
	labels[ll - 1] = '\0'; /* no line break at the end */
	static const char visit[] = "来庁者：堀江 美帆 2025年4月1日 来庁";
	static const char memo[] = "相談記録\n相談者：鳥羽 健一さん（自営業）\n"
				   "鳥羽さんは来月から分割で納付する予定。";
	static const char places[] = "説明会の日程\n鳥羽と志摩で12月に開きます。";
	CHECK_INT(count_of(sc, visit, PII_PERSON), 1);
	CHECK_INT(count_of(sc, visit, PII_DATE_OF_BIRTH), 0);
	CHECK_INT(count_of(sc, memo, PII_PERSON), 2);
	CHECK_INT(count_of(sc, places, PII_PERSON), 0);
	const char *const labels_first[] = {labels, visit};
	const char *const memo_first[] = {memo, places};
	const char *const places_first[] = {places, memo};
	CHECK(document_keeps_texts(sc, labels_first, 2));
	CHECK(document_keeps_texts(sc, memo_first, 2));
	CHECK(document_keeps_texts(sc, places_first, 2));
	static const char client[] = "相談記録\n相談者：鳥羽 健一さん\n分割納付の相談。";
	static const char closing[] = "窓口のお知らせ\n年末は12月26日で受付を終了します。";
	static const char chat1[] = "相談の下書き\nユーザー：介護保険の更新申請について3行で説明して。\n"
				    "アシスタント：承知しました。有効期間が切れる前に申請します。";
	static const char chat2[] = "続き\nユーザー：区分変更との違いは？\n"
				    "アシスタント：区分変更は状態が変わったときに申請します。";
	CHECK_INT(count_of(sc, closing, PII_PERSON), 0);
	CHECK_INT(count_of(sc, chat1, PII_PERSON), 0);
	const char *const client_first[] = {client, closing};
	const char *const two_chats[] = {chat1, chat2};
	CHECK(document_keeps_texts(sc, client_first, 2));
	CHECK(document_keeps_texts(sc, two_chats, 2));
	pii_scanner_free(sc);
	pii_detector_free(d);
}

/* Every keyword list the rules use takes an index: a list longer than
 * PII_KWLIST_MAX is compared word by word, one word over the limit cost
 * the guard 7 % on name-dense text (latin_stop_more, batches 266-273).
 * The lists are indexed as the scans first use them: after the labelled
 * texts, every one built holds at most PII_KWLIST_MAX words. */
TEST(keyword_lists_fit_their_index)
{
	struct pii_detector *d = detector(NULL);
	REQUIRE(d != NULL);
	struct pii_scanner *sc = NULL;
	REQUIRE(pii_scanner_new(d, &sc, NULL) == 0);
	const char *files[] = {"tests/data/pii/eval.txt", "tests/data/pii/eval_blind232.txt",
			       "tests/data/pii/eval_blind270.txt"};
	struct yk_buf f;
	yk_buf_init(&f, 1u << 24);
	struct markup_line ml;
	yk_buf_init(&ml.text, PII_INPUT_MAX);
	for (size_t k = 0; k < YK_ARRAY_LEN(files); k++) {
		yk_buf_reset(&f);
		REQUIRE(markup_read_file(files[k], &f) == 0);
		for (size_t i = 0; i < f.len;) {
			size_t e = i;
			while (e < f.len && f.data[e] != '\n')
				e++;
			if (e > i && f.data[i] != '#') {
				markup_parse(f.data + i, e - i, &ml);
				const struct pii_span *sp;
				size_t n;
				CHECK_INT(pii_scan(sc, ml.text.data, ml.text.len, &sp, &n), 0);
			}
			i = e + 1;
		}
	}
	size_t lists = 0;
	for (size_t k = 0; k < PII_KWLIST_SLOTS; k++) {
		const struct pii__kwlist *L = atomic_load(&pii__kwlist_slot[k]);
		/* keyword_index_keeps_every_answer's own list is long on
		 * purpose */
		if (!L || L->words == (const char *const *)kw_long)
			continue;
		lists++;
		if (L->n > PII_KWLIST_MAX)
			fprintf(stderr, "a list of %zu words opening with %s\n", L->n, L->words[0]);
		CHECK(L->n <= PII_KWLIST_MAX);
	}
	CHECK(lists > 50);
	yk_buf_release(&ml.text);
	yk_buf_release(&f);
	pii_scanner_free(sc);
	pii_detector_free(d);
}

TEST_MAIN(T(guard_applies_its_allow_list_and_policy), T(guard_slot_follows_the_settings),
	  T(my_number_check_digit), T(corporate_number_check_digit), T(luhn),
	  T(type_names_round_trip), T(cases_give_exactly_their_labels),
	  T(twenty_fourth_set_places), T(twenty_fourth_set_names), T(twenty_fifth_set_places),
	  T(twenty_fifth_set_names),
	  T(twenty_seventh_set_places), T(twenty_seventh_set_names),
	  T(twenty_eighth_set_places), T(twenty_eighth_set_names),
	  T(known_limits_linear_and_named), T(thirtieth_set_numbers_and_places), T(thirtieth_set_names), T(repeats_linear_in_registers), T(thirty_first_set_numbers_and_places), T(thirty_first_set_names),
	  T(thirty_second_set_numbers_and_places), T(thirty_second_set_names),
	  T(thirty_third_set_numbers_and_places), T(bracket_notes_after_kana_names),
	  T(thirty_third_set_names), T(thirty_fourth_set_numbers_and_places),
	  T(thirty_fourth_set_names), T(thirty_fifth_set_numbers_and_places),
	  T(thirty_fifth_set_names),
	  T(evaluation_set_meets_targets),
	  T(public_checks_part_by_part),
	  T(allow_list_suppresses_city_contacts_only),
	  T(no_person_config_skips_names), T(errors), T(input_without_nul_terminator), T(scan_reads_nothing_past_the_text), T(mask_same_value_same_placeholder_and_restore), T(mask_cases_from_file),
	  T(policies_and_counts), T(mask_spans_rejects_foreign_spans), T(one_detector_many_threads),
	  T(fold_checked_is_fold_with_validation),
	  T(keyword_index_keeps_every_answer), T(keyword_paths_equal_brute_force),
	  T(rule_lookups_answer_as_plain_walks),
	  T(cue_pass_changes_no_span),
	  T(names_unclassified_and_bank_kana), T(eighth_round_rules_at_the_text_edges),
	  T(ninth_round_structured_fields), T(tenth_round_structured_fields),
	  T(tenth_round_names), T(windows_sharing_a_start),
	  T(cue_searches_answer_as_plain_loops), T(nineteenth_round_insurance_rows),
	  T(twentieth_round_company_names), T(twentieth_round_reading_labels),
	  T(review_hangul_word_skipped_whole), T(review_taker_label_not_empty),
	  T(review_card_label_on_line_above), T(review_insured_rows_keep_phones), T(quoted_csv_rows_read_as_bare_cells),
	  T(cell_repeats_and_dot_lists),
	  T(rural_blocks_and_unit_senders),
	  T(ninth_set_mends),
	  T(eighth_set_later_mends),
	  T(tenth_set_mends),
	  T(eleventh_set_mends),
	  T(twelfth_set_mends),
	  T(thirteenth_set_mends),
	  T(fourteenth_set_mends),
	  T(seventeenth_set_mends),
	  T(long_documents), T(district_logs_part_by_part), T(documents_part_by_part),
	  T(documents_part_by_part_names),
	  T(keyword_lists_fit_their_index))
