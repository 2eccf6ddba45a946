/* Unit tests for the learned name model of the guard (src/pii/pii_learn.c):
 * the decoder and its margins against brute force, the model file's
 * checks, and the model's place in the scan (names the rules miss, only
 * where no rule found anything, never across a line or a cell, and the
 * rules' lists of non-names applied to it). */
#include <math.h>

#include "../../bench/pii_markup.h"
#include "harness.h"
#include "pii/pii_int.h"

static struct pii_detector *det;
static struct pii_scanner *sc;

static int setup(void)
{
	if (sc)
		return 1;
	struct pii_config cfg = {0};
	if (pii_detector_new(&cfg, &det, NULL))
		return 0;
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

/* The span of s holding the bytes of want, or NULL. */
static const struct pii_span *span_of(const char *s, const char *want)
{
	const struct pii_span *sp;
	size_t n;
	if (pii_scan(sc, s, strlen(s), &sp, &n))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (sp[i].byte_end - sp[i].byte_start == strlen(want) &&
		    memcmp(s + sp[i].byte_start, want, strlen(want)) == 0)
			return &sp[i];
	return NULL;
}

/* ---- the decoder ------------------------------------------------------------ */

/* A small pseudo-random generator (the tests must not depend on libc's). */
static uint32_t rnd_state = 12345;
static float rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (float)((rnd_state >> 8) % 2001) / 100.0f - 10.0f;
}

/* The score of the tags: an O before the first and after the last. */
static float path_score(const float *em, size_t n, const float tr[3][3], const uint8_t *tag)
{
	float v = tr[PII_LEARN_O][tag[0]] + em[tag[0]] + tr[tag[n - 1]][PII_LEARN_O];
	for (size_t i = 1; i < n; i++)
		v += tr[tag[i - 1]][tag[i]] + em[i * 3 + tag[i]];
	return v;
}

/* The best score of any allowed tag sequence (no I after O or at the
 * start) with tags O on
 * [s, e) (s == e: no constraint), by enumeration. */
static float brute_best(const float *em, size_t n, const float tr[3][3], size_t s, size_t e,
			uint8_t *best_tags)
{
	float best = -INFINITY;
	uint8_t tag[8];
	size_t total = 1;
	for (size_t i = 0; i < n; i++)
		total *= 3;
	for (size_t code = 0; code < total; code++) {
		size_t c = code;
		int ok = 1;
		for (size_t i = 0; i < n; i++, c /= 3) {
			tag[i] = (uint8_t)(c % 3);
			if (tag[i] == PII_LEARN_I && (i == 0 || tag[i - 1] == PII_LEARN_O))
				ok = 0;
			if (i >= s && i < e && tag[i] != PII_LEARN_O)
				ok = 0;
		}
		if (!ok)
			continue;
		float v = path_score(em, n, tr, tag);
		if (v > best) {
			best = v;
			if (best_tags)
				memcpy(best_tags, tag, n);
		}
	}
	return best;
}

TEST(viterbi_and_margins_match_brute_force)
{
	struct pii__learn_buf b;
	memset(&b, 0, sizeof(b));
	/* grow the buffer through a sweep over a text of 8 code points */
	static const uint32_t text[8] = {0x7530, 0x4E2D, ' ', 0x592A, 0x90CE, 0x69D8, '1', '\n'};
	struct pii__learn_model none = {0};
	pii__v4 *w = calloc((size_t)1 << PII_LEARN_BITS, sizeof(*w));
	REQUIRE(w);
	none.w = w;
	none.scale = 1;
	pii__learn_sweep(text, 8, NULL, NULL, &b, &none, NULL, NULL);
	/* a model without weights: every emission 0 but the forced O ones */
	CHECK(b.em[6 * 3 + PII_LEARN_B] < -1e20f); /* the digit */
	CHECK(b.em[7 * 3 + PII_LEARN_I] < -1e20f); /* the line break */
	CHECK(b.em[0] == 0 && b.em[3 * 3 + 2] == 0);
	for (int round = 0; round < 40; round++) {
		size_t n = 1 + (size_t)round % 7;
		float tr[3][3];
		for (int x = 0; x < 3; x++)
			for (int y = 0; y < 3; y++)
				tr[x][y] = rnd();
		for (size_t i = 0; i < n * 3; i++)
			b.em[i] = rnd();
		float best = pii__learn_viterbi(&b, n, tr);
		uint8_t tags[8];
		float want = brute_best(b.em, n, tr, 0, 0, tags);
		CHECK(fabsf(best - want) < 1e-3f);
		/* the tags decoded score the best (two paths may tie: scores
		 * are multiples of 0.01) */
		CHECK(memcmp(b.tag, tags, n) == 0 ||
		      fabsf(path_score(b.em, n, tr, b.tag) - want) < 1e-3f);
		pii__learn_backward(&b, n, tr);
		for (size_t s = 0; s < n; s++)
			for (size_t e = s + 1; e <= n; e++) {
				float m = pii__learn_margin(&b, tr, s, e);
				float c = brute_best(b.em, n, tr, s, e, NULL);
				CHECK(fabsf(m - (best - c)) < 1e-3f);
				CHECK(m >= -1e-3f);
			}
	}
	free(w);
	pii__learn_buf_free(&b);
}

/* A span's margin is the same at the end of a long document as in its
 * line alone: the scores are kept relative to the positions where no name
 * can be (a line break), where sums over thousands of positions had lost
 * the margin's precision (56 for 93 at the 3,565th code point). */
TEST(margin_of_a_line_is_the_same_in_a_long_document)
{
	enum { LINE = 10, LINES = 4000, N = LINE * LINES };
	struct pii__learn_buf b;
	memset(&b, 0, sizeof(b));
	uint32_t *text = calloc(N, sizeof(*text));
	REQUIRE(text);
	for (size_t i = 0; i < N; i++)
		text[i] = i % LINE == LINE - 1 ? '\n' : 0x7530; /* lines of 田 */
	struct pii__learn_model none = {0};
	pii__v4 *w = calloc((size_t)1 << PII_LEARN_BITS, sizeof(*w));
	REQUIRE(w);
	none.w = w;
	none.scale = 1;
	pii__learn_sweep(text, N, NULL, NULL, &b, &none, NULL, NULL);
	float tr[3][3];
	for (int x = 0; x < 3; x++)
		for (int y = 0; y < 3; y++)
			tr[x][y] = rnd();
	/* large scores on every line, the same on each: a name in columns 2-4 */
	float line[LINE * 3];
	for (size_t i = 0; i < LINE * 3; i++)
		line[i] = 300.0f + rnd();
	for (size_t c = 2; c < 5; c++)
		line[c * 3 + PII_LEARN_B] = line[c * 3 + PII_LEARN_I] = 400.0f + rnd();
	line[(LINE - 1) * 3 + PII_LEARN_B] = line[(LINE - 1) * 3 + PII_LEARN_I] = -1e30f;
	line[(LINE - 1) * 3 + PII_LEARN_O] = 0;
	for (size_t i = 0; i < N; i++)
		memcpy(b.em + i * 3, line + (i % LINE) * 3, sizeof(float) * 3);
	(void)pii__learn_viterbi(&b, LINE, tr);
	pii__learn_backward(&b, LINE, tr);
	/* the first line alone (its break closes it) */
	float alone = pii__learn_margin(&b, tr, 2, 5);
	(void)pii__learn_viterbi(&b, N, tr);
	pii__learn_backward(&b, N, tr);
	size_t last = N - LINE;
	CHECK(b.tag[last + 2] != PII_LEARN_O || b.tag[2] != PII_LEARN_O);
	float far = pii__learn_margin(&b, tr, last + 2, last + 5);
	float first = pii__learn_margin(&b, tr, 2, 5);
	CHECK(fabsf(far - first) < 0.05f);
	CHECK(fabsf(first - alone) < 0.05f);
	free(text);
	free(w);
	pii__learn_buf_free(&b);
}

/* ---- the model file ----------------------------------------------------------- */

TEST(model_file_is_checked)
{
	struct pii__learn_model m = {0};
	m.w = calloc((size_t)1 << PII_LEARN_BITS, sizeof(*m.w));
	REQUIRE(m.w);
	unsigned char buf[sizeof(struct pii__learn_header) + 2 * PII_LEARN_ENTRY];
	struct pii__learn_header h;
	memset(&h, 0, sizeof(h));
	memcpy(h.magic, PII_LEARN_MAGIC, 4);
	h.bits = PII_LEARN_BITS;
	h.count = 2;
	h.scale = 0.5f;
	h.tr[0][1] = -2.0f;
	memcpy(buf, &h, sizeof(h));
	uint32_t idx[2] = {7, (1u << PII_LEARN_BITS) - 1};
	int16_t wv[2][3] = {{1, -2, 3}, {-4, 5, -6}};
	for (int k = 0; k < 2; k++) {
		memcpy(buf + sizeof(h) + k * PII_LEARN_ENTRY, &idx[k], 4);
		memcpy(buf + sizeof(h) + k * PII_LEARN_ENTRY + 4, wv[k], 6);
	}
	CHECK_INT(pii__learn_parse(buf, sizeof(buf), &m), 0);
	CHECK(m.scale == 0.5f && m.tr[0][1] == -2.0f);
	CHECK(m.w[7][0] == 1 && m.w[7][1] == -2 && m.w[7][2] == 3 && m.w[7][3] == 0);
	CHECK(m.w[idx[1]][2] == -6 && m.w[8][0] == 0);
	/* truncated: header only, half an entry, a count the bytes do not hold */
	CHECK_INT(pii__learn_parse(buf, sizeof(h) - 1, &m), YK_EINVAL);
	CHECK_INT(pii__learn_parse(buf, sizeof(buf) - 5, &m), YK_EINVAL);
	CHECK_INT(pii__learn_parse(buf, sizeof(buf) - PII_LEARN_ENTRY, &m), YK_EINVAL);
	/* a bucket beyond the table */
	uint32_t bad = 1u << PII_LEARN_BITS;
	memcpy(buf + sizeof(h), &bad, 4);
	CHECK_INT(pii__learn_parse(buf, sizeof(buf), &m), YK_EINVAL);
	memcpy(buf + sizeof(h), &idx[0], 4);
	/* another table size, another magic, a scale that is not a number */
	struct pii__learn_header h2 = h;
	h2.bits = PII_LEARN_BITS + 1;
	memcpy(buf, &h2, sizeof(h2));
	CHECK_INT(pii__learn_parse(buf, sizeof(buf), &m), YK_EINVAL);
	h2 = h;
	h2.magic[3] = 'X';
	memcpy(buf, &h2, sizeof(h2));
	CHECK_INT(pii__learn_parse(buf, sizeof(buf), &m), YK_EINVAL);
	h2 = h;
	h2.scale = NAN;
	memcpy(buf, &h2, sizeof(h2));
	CHECK_INT(pii__learn_parse(buf, sizeof(buf), &m), YK_EINVAL);
	free(m.w);
}

TEST(the_build_embeds_a_model)
{
	size_t feats = 0, bytes = 0;
	CHECK_INT(pii_learn_info(&feats, &bytes), 0);
	CHECK(feats > 10000);
	CHECK_INT(bytes, ((size_t)1 << PII_LEARN_BITS) * sizeof(pii__v4));
	CHECK(pii__learn_embedded() != NULL);
}

/* ---- in the scan -------------------------------------------------------------- */

/* Scans every text of the labelled files and calls fn with its markup
 * (gold spans), its text and the spans found; returns the texts scanned
 * (0 when a file cannot be read). */
typedef void (*scan_fn)(void *arg, const struct markup_line *ml, const char *text,
			const struct pii_span *sp, size_t n);
static size_t scan_files(const char *const *files, size_t nfiles, scan_fn fn, void *arg)
{
	struct yk_buf file;
	struct markup_line ml;
	yk_buf_init(&file, 1u << 20);
	yk_buf_init(&ml.text, PII_INPUT_MAX);
	size_t texts = 0;
	for (size_t f = 0; f < nfiles; f++) {
		yk_buf_reset(&file);
		if (markup_read_file(files[f], &file)) {
			texts = 0;
			break;
		}
		for (size_t i = 0; i < file.len;) {
			size_t e = i;
			while (e < file.len && file.data[e] != '\n')
				e++;
			const struct pii_span *sp;
			size_t n;
			if (e > i && file.data[i] != '#' &&
			    markup_parse(file.data + i, e - i, &ml) == 0) {
				const char *text = ml.text.data ? ml.text.data : "";
				CHECK_INT(pii_scan(sc, text, ml.text.len, &sp, &n), 0);
				fn(arg, &ml, text, sp, n);
				texts++;
			}
			i = e + 1;
		}
	}
	yk_buf_release(&ml.text);
	yk_buf_release(&file);
	return texts;
}

/* Names the model finds and the rules do not, over whole labelled files:
 * a statistical check, since a retrain (new labelled texts change the
 * order of training) may move a single span either way. */
struct tally {
	size_t right, wrong;
};
static void tally_model_names(void *arg, const struct markup_line *ml, const char *text,
			      const struct pii_span *sp, size_t n)
{
	struct tally *t = arg;
	(void)text;
	for (size_t k = 0; k < n; k++) {
		if (sp[k].confidence != PII_LEARN_CONFIDENCE)
			continue;
		int hit = 0;
		for (size_t g = 0; g < ml->nspan; g++)
			hit |= ml->span[g].start == sp[k].start && ml->span[g].end == sp[k].end &&
			       ml->span[g].type == PII_PERSON;
		t->right += hit == 1, t->wrong += hit == 0;
	}
}

TEST(names_the_rules_miss)
{
	REQUIRE(setup());
	/* a Latin given name after 妻 (found at every margin up to 300): the
	 * model's span, with its confidence; the child before くん is the
	 * rules' (their span wins) */
	const char *text = "妻 MARIA、長男 ペドロくん";
	const struct pii_span *s = span_of(text, "MARIA");
	CHECK(s && s->type == PII_PERSON && s->confidence == PII_LEARN_CONFIDENCE);
	s = span_of(text, "ペドロ");
	CHECK(s && s->confidence != PII_LEARN_CONFIDENCE);
	/* over four labelled files: the model adds names, nearly all right */
	static const char *const files[] = {
		"tests/data/pii/eval_blind82.txt", "tests/data/pii/eval_blind83.txt",
		"tests/data/pii/eval_blind84.txt", "tests/data/pii/eval_blind85.txt"};
	struct tally t = {0, 0};
	CHECK(scan_files(files, YK_ARRAY_LEN(files), tally_model_names, &t) >= 200);
	fprintf(stderr, "  model's names in blind 82-85: %zu right, %zu wrong\n", t.right, t.wrong);
	CHECK(t.right >= 10);
	CHECK(t.wrong * 4 <= t.right);
	/* without the model none of them, and not MARIA */
	pii__detector_use_model(det, NULL, 0);
	t.right = t.wrong = 0;
	CHECK(scan_files(files, YK_ARRAY_LEN(files), tally_model_names, &t) >= 200);
	CHECK_INT(t.right + t.wrong, 0);
	CHECK(span_of(text, "MARIA") == NULL);
	/* a margin no span reaches: nothing from the model either */
	pii__detector_use_model(det, pii__learn_embedded(), 1e9f);
	CHECK(span_of(text, "MARIA") == NULL);
	pii__detector_use_model(det, pii__learn_embedded(), PII_LEARN_MIN_MARGIN);
	CHECK(span_of(text, "MARIA") != NULL);
}

/* A model that reads every letter and space as part of one name (B, then
 * I after it); 0 when out of memory. The caller frees m->w. */
static int all_letters_model(struct pii__learn_model *m)
{
	m->w = calloc((size_t)1 << PII_LEARN_BITS, sizeof(*m->w));
	if (!m->w)
		return 0;
	for (size_t i = 0; i < ((size_t)1 << PII_LEARN_BITS); i++)
		m->w[i] = (pii__v4){0, 10, 10, 0};
	m->scale = 1;
	m->tr[PII_LEARN_B][PII_LEARN_I] = m->tr[PII_LEARN_I][PII_LEARN_I] = 5;
	return 1;
}

TEST(model_spans_neither_open_nor_end_with_a_space)
{
	REQUIRE(setup());
	/* under the all-letters model the stretch 「 田中 」 between the
	 * digits is one span, and the scan reports the name without the
	 * spaces around it */
	struct pii__learn_model all = {0};
	REQUIRE(all_letters_model(&all));
	pii__detector_use_model(det, &all, PII_LEARN_MIN_MARGIN);
	const char *text = "1 田中 2";
	const struct pii_span *sp;
	size_t n = 0;
	CHECK_INT(pii_scan(sc, text, strlen(text), &sp, &n), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK(sp[0].type == PII_PERSON && sp[0].confidence == PII_LEARN_CONFIDENCE);
		CHECK_INT(sp[0].start, 2);
		CHECK_INT(sp[0].end, 4);
	}
	/* spaces alone are no name */
	n = 1;
	CHECK_INT(pii_scan(sc, "1   2", 5, &sp, &n), 0);
	CHECK_INT(n, 0);
	pii__detector_use_model(det, pii__learn_embedded(), PII_LEARN_MIN_MARGIN);
	free(all.w);
}

/* The text between two digits under a model that reads every letter as
 * one name (all_letters_model()): whether the scan keeps it as a name. */
static int all_model_keeps(const char *word)
{
	char text[128];
	snprintf(text, sizeof(text), "1%s2", word);
	const struct pii_span *sp;
	size_t n = 0;
	if (pii_scan(sc, text, strlen(text), &sp, &n) != 0)
		return -1;
	for (size_t k = 0; k < n; k++)
		if (sp[k].type == PII_PERSON && sp[k].start == 1 &&
		    sp[k].end == 1 + yk_utf8_count(word, strlen(word)))
			return 1;
	return 0;
}

TEST(words_the_dictionary_reads_as_common_nouns_are_no_model_names)
{
	REQUIRE(setup());
	struct pii__learn_model all = {0};
	REQUIRE(all_letters_model(&all));
	pii__detector_use_model(det, &all, PII_LEARN_MIN_MARGIN);
	/* common nouns of public prose, alone or in a list */
	CHECK_INT(all_model_keeps("マンション"), 0);
	CHECK_INT(all_model_keeps("健診"), 0);
	CHECK_INT(all_model_keeps("クモ・ムカデ"), 0);
	/* names: a surname, a noun the dictionary also has as a surname, a
	 * word not in the dictionary, a word in Latin letters */
	CHECK_INT(all_model_keeps("佐々木"), 1);
	CHECK_INT(all_model_keeps("大橋"), 1);
	CHECK_INT(all_model_keeps("グエン"), 1);
	CHECK_INT(all_model_keeps("ROSA"), 1);
	pii__detector_use_model(det, pii__learn_embedded(), PII_LEARN_MIN_MARGIN);
	free(all.w);
}

TEST(the_rules_non_names_hold_for_the_model)
{
	REQUIRE(setup());
	static const char *const texts[] = {
		"うちの新人くんと、ワンちゃんの散歩",
		"対象児 東京 大阪（令和2年5月1日）",
		"対応OS Windows（2024.01 更新）",
	};
	for (size_t k = 0; k < sizeof(texts) / sizeof(*texts); k++) {
		const struct pii_span *sp;
		size_t n;
		REQUIRE(pii_scan(sc, texts[k], strlen(texts[k]), &sp, &n) == 0);
		for (size_t i = 0; i < n; i++)
			CHECK(sp[i].type != PII_PERSON);
	}
}

/* Every span the model adds, over whole labelled files: a name of at most
 * PII_LEARN_MAX_SPAN code points, on one line and in one cell (a comma
 * only as in SURNAME, Given), overlapping no other span. */
static void check_shapes(void *arg, const struct markup_line *ml, const char *text,
			 const struct pii_span *sp, size_t n)
{
	size_t *added = arg;
	(void)ml;
	for (size_t k = 0; k < n; k++) {
		if (sp[k].confidence != PII_LEARN_CONFIDENCE)
			continue;
		(*added)++;
		size_t bl = sp[k].byte_end - sp[k].byte_start;
		const char *v = text + sp[k].byte_start;
		CHECK(sp[k].type == PII_PERSON);
		CHECK(sp[k].end - sp[k].start <= PII_LEARN_MAX_SPAN);
		CHECK(!memchr(v, '\n', bl) && !memchr(v, '\t', bl));
		CHECK(bl > 0 && v[0] != ' ' && v[bl - 1] != ' ');
		for (size_t j = 0; j < bl; j++) /* a comma only before a space */
			CHECK(v[j] != ',' || (j + 1 < bl && v[j + 1] == ' '));
		for (size_t j = 0; j < n; j++)
			CHECK(j == k || sp[j].end <= sp[k].start || sp[k].end <= sp[j].start);
	}
}

TEST(model_spans_keep_their_shape)
{
	REQUIRE(setup());
	static const char *const files[] = {"tests/data/pii/eval_blind84.txt",
					    "tests/data/pii/eval_blind85.txt",
					    "tests/data/pii/eval_blind96.txt"};
	size_t added = 0;
	CHECK(scan_files(files, YK_ARRAY_LEN(files), check_shapes, &added) >= 150);
	CHECK(added > 0);
	teardown();
}

TEST_MAIN(T(viterbi_and_margins_match_brute_force),
	  T(margin_of_a_line_is_the_same_in_a_long_document), T(model_file_is_checked),
	  T(the_build_embeds_a_model), T(names_the_rules_miss),
	  T(model_spans_neither_open_nor_end_with_a_space),
	  T(words_the_dictionary_reads_as_common_nouns_are_no_model_names),
	  T(the_rules_non_names_hold_for_the_model), T(model_spans_keep_their_shape))
