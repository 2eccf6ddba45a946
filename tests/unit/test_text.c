/* Unit tests for src/text: the normaliser and the tokenizer.
 *
 * Most cases are data: tests/data/text/normalize.txt (input -> normalised
 * text) and tests/data/text/tokenize.txt (input -> terms that must and must
 * not be produced). The C code here reads those files and checks the
 * invariants that hold for every input (offset maps, token offsets). */
#include <stdio.h>
#include <sys/stat.h>

#include "core/core.h"
#include "harness.h"
#include "text/text.h"

#define DATA_DIR "tests/data/text/"
#define CASE_MAX 4096

/* Reads a whole file into a NUL-terminated buffer (owned by the caller). */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct yk_buf b;
	yk_buf_init(&b, 0);
	char chunk[4096];
	size_t n;
	int ok = 1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (yk_buf_add(&b, chunk, n) != 0)
			ok = 0;
	fclose(f);
	if (!ok) {
		yk_buf_release(&b);
		return NULL;
	}
	return yk_buf_detach(&b, len);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes the escapes \t \n \\ \xHH of a case column into out. */
static size_t unescape(const char *s, size_t len, char *out, size_t outsz)
{
	size_t o = 0;
	for (size_t i = 0; i < len && o + 1 < outsz; i++) {
		if (s[i] == '\\' && i + 1 < len) {
			char c = s[++i];
			if (c == 't') {
				out[o++] = '\t';
			} else if (c == 'n') {
				out[o++] = '\n';
			} else if (c == 'x' && i + 2 < len && hexval(s[i + 1]) >= 0 &&
				   hexval(s[i + 2]) >= 0) {
				out[o++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
				i += 2;
			} else {
				out[o++] = c;
			}
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return o;
}

/* Calls fn(input, input_len, expected, lineno) for every case line. Returns
 * the number of cases, or -1 when the file cannot be read. */
static int for_each_case(const char *path,
			 void (*fn)(const char *in, size_t in_len, const char *expected, int line))
{
	size_t len = 0;
	char *data = read_file(path, &len);
	if (!data) {
		fprintf(stderr, "cannot read %s (run from the repository root)\n", path);
		return -1;
	}
	int count = 0, lineno = 0;
	char *p = data, *end = data + len;
	static char in[CASE_MAX], exp[CASE_MAX];
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *le = nl ? nl : end;
		lineno++;
		if (le > p && p[0] != '#') {
			char *tab = memchr(p, '\t', (size_t)(le - p));
			if (!tab) {
				fprintf(stderr, "%s:%d: no tab in case line\n", path, lineno);
				harness_failed_now = 1;
			} else {
				size_t in_len = unescape(p, (size_t)(tab - p), in, sizeof(in));
				unescape(tab + 1, (size_t)(le - tab - 1), exp, sizeof(exp));
				fn(in, in_len, exp, lineno);
				count++;
			}
		}
		p = le + 1;
	}
	free(data);
	return count;
}

/* Invariants of the offset map for any successful normalisation. */
static void check_norm_map(const struct text_norm *n, size_t in_len)
{
	for (size_t i = 0; i < n->len; i++) {
		CHECK(n->orig_start[i] < n->orig_end[i]);
		CHECK(n->orig_end[i] <= in_len);
		if (i > 0) {
			CHECK(n->orig_start[i] >= n->orig_start[i - 1]);
			CHECK(n->orig_end[i] >= n->orig_end[i - 1]);
		}
	}
	CHECK(n->text[n->len] == '\0');
	CHECK(yk_utf8_valid(n->text, n->len, NULL));
}

static void normalize_case(const char *in, size_t in_len, const char *expected, int line)
{
	struct text_norm n;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	int rc = text_normalize(in, in_len, &n, &ei);
	if (strcmp(expected, "!utf8") == 0) {
		if (rc != YK_EUTF8)
			fprintf(stderr, "normalize.txt:%d: expected YK_EUTF8, got %d\n", line, rc);
		CHECK_INT(rc, YK_EUTF8);
		CHECK(ei.column > 0);
		CHECK(n.text == NULL);
		return;
	}
	CHECK_INT(rc, 0);
	if (rc != 0)
		return;
	if (strcmp(n.text, expected) != 0) {
		fprintf(stderr, "normalize.txt:%d: got \"%s\", want \"%s\"\n", line, n.text,
			expected);
		harness_failed_now = 1;
	}
	CHECK_INT(n.len, strlen(n.text));
	check_norm_map(&n, in_len);
	text_norm_release(&n);
}

TEST(normalize_cases_from_data)
{
	int n = for_each_case(DATA_DIR "normalize.txt", normalize_case);
	CHECK(n >= 30);
}

TEST(normalize_offset_map_points_back)
{
	/* "ＡＢＣの　ﾏｲﾅﾝﾊﾞｰ": the normalised "マイナンバー" must map back to
	 * exactly the half-width original, and "b" to the second Ｂ. */
	const char *in = "ＡＢＣの　ﾏｲﾅﾝﾊﾞｰ";
	struct text_norm n;
	REQUIRE(text_normalize(in, strlen(in), &n, NULL) == 0);
	CHECK_STR(n.text, "abcの マイナンバー");
	size_t os = 0, oe = 0;
	text_norm_map(&n, 1, 2, &os, &oe);
	CHECK_INT(os, 3);
	CHECK_INT(oe, 6);
	const char *mn = strstr(n.text, "マイナンバー");
	REQUIRE(mn != NULL);
	size_t s = (size_t)(mn - n.text);
	text_norm_map(&n, s, s + strlen("マイナンバー"), &os, &oe);
	CHECK_INT(os, strlen("ＡＢＣの　"));
	CHECK_INT(oe, strlen(in));
	/* The voiced mark ﾞ is part of バ: バ maps to both original chars. */
	const char *ba = strstr(n.text, "バ");
	REQUIRE(ba != NULL);
	s = (size_t)(ba - n.text);
	text_norm_map(&n, s, s + 3, &os, &oe);
	CHECK_INT(oe - os, 6);
	text_norm_release(&n);
	text_norm_release(&n); /* released twice is harmless */
	/* A kanji (the short path) and the combining mark after it are one
	 * segment: both normalised characters map to the pair. */
	in = "漢\xCC\x81字";
	REQUIRE(text_normalize(in, strlen(in), &n, NULL) == 0);
	CHECK_INT(n.len, 3 + 2 + 3);
	CHECK_INT(n.orig_start[0], 0);
	CHECK_INT(n.orig_end[0], 5);
	CHECK_INT(n.orig_start[3], 0);
	CHECK_INT(n.orig_end[4], 5);
	CHECK_INT(n.orig_start[5], 5);
	CHECK_INT(n.orig_end[7], 8);
	text_norm_release(&n);
}

TEST(normalize_limits_and_empty)
{
	struct text_norm n;
	struct yk_errinfo ei;
	CHECK_INT(text_normalize("", 0, &n, NULL), 0);
	CHECK_STR(n.text, "");
	CHECK_INT(n.len, 0);
	size_t os = 9, oe = 9;
	text_norm_map(&n, 0, 0, &os, &oe);
	CHECK_INT(os, 0);
	CHECK_INT(oe, 0);
	text_norm_release(&n);
	yk_errinfo_clear(&ei);
	CHECK_INT(text_normalize("x", (size_t)TEXT_MAX_INPUT + 1, &n, &ei), YK_ELIMIT);
	CHECK(ei.message[0] != '\0');
	/* The position of the first bad byte is reported. */
	yk_errinfo_clear(&ei);
	CHECK_INT(text_normalize("あい\xFF", 7, &n, &ei), YK_EUTF8);
	CHECK_INT(ei.column, 7);
}

/* One text_norm reused across texts long and short, empty and invalid
 * gives what a fresh text_normalize() gives each time, offsets included. */
TEST(normalize_reuse_equals_fresh)
{
	static const char *const texts[] = {
		"ﾏｲﾅﾝﾊﾞｰｶｰﾄﾞの交付申請は、郵送、スマートフォン、証明写真機から行えます。　ＡＢＣ－１２３",
		"ｶﾞ", "", "  コンピュ－タ  ", "あい\xFF", "住民票の写しを取りたい。",
	};
	struct text_norm r;
	memset(&r, 0, sizeof(r));
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < YK_ARRAY_LEN(texts); i++) {
			struct text_norm f;
			size_t len = strlen(texts[i]);
			int rf = text_normalize(texts[i], len, &f, NULL);
			int rr = text_normalize_reuse(texts[i], len, &r, NULL);
			CHECK_INT(rr, rf);
			if (rf != 0) {
				CHECK_INT(r.len, 0);
				continue;
			}
			CHECK_INT(r.len, f.len);
			CHECK(r.cap == 0 || r.cap >= r.len + 1);
			CHECK(r.text[r.len] == '\0');
			CHECK(memcmp(r.text, f.text, f.len) == 0);
			if (f.len > 0) {
				CHECK(memcmp(r.orig_start, f.orig_start, f.len * sizeof(uint32_t)) == 0);
				CHECK(memcmp(r.orig_end, f.orig_end, f.len * sizeof(uint32_t)) == 0);
			}
			text_norm_release(&f);
		}
	text_norm_release(&r);
	CHECK(r.text == NULL && r.cap == 0);
}


/* ---- tokenizer ---------------------------------------------------------- */

static struct text_model *g_model;
static struct text_tokenizer *g_tk;

static int tokenizer_ready(void)
{
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	if (!g_model && text_model_new(NULL, &g_model, &ei) != 0) {
		fprintf(stderr, "%s\n", ei.message);
		return 0;
	}
	if (!g_tk && text_tokenizer_new(g_model, &g_tk, &ei) != 0) {
		fprintf(stderr, "%s\n", ei.message);
		return 0;
	}
	return 1;
}

/* Checks the invariants every token list must satisfy for text s[0..len). */
static void check_tokens(const struct text_tokens *t, const char *s, size_t len)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct text_token *k = &t->v[i];
		CHECK(k->start < k->end);
		CHECK(k->end <= len);
		CHECK(k->term_len > 0 && k->term_len <= TEXT_MAX_TERM);
		CHECK(k->term[k->term_len] == '\0');
		CHECK(k->kind <= TEXT_TOKEN_BIGRAM);
		CHECK(k->pos < t->npos || t->npos == 0);
		if (k->kind == TEXT_TOKEN_BIGRAM) {
			CHECK(k->term[0] == TEXT_BIGRAM_PREFIX);
			/* A bigram's term is exactly the text it covers. */
			CHECK(k->term_len - 1 == k->end - k->start);
			CHECK(memcmp(k->term + 1, s + k->start, k->end - k->start) == 0);
		} else {
			CHECK(k->term[0] != TEXT_BIGRAM_PREFIX);
		}
		/* Offsets fall on character boundaries. */
		CHECK(((unsigned char)s[k->start] & 0xC0) != 0x80);
		CHECK(k->end == len || ((unsigned char)s[k->end] & 0xC0) != 0x80);
	}
}

/* Finds a token; want_bigram selects bigram terms (given without prefix). */
static const struct text_token *find_term(const struct text_tokens *t, const char *w, size_t wl,
					  int want_bigram)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct text_token *k = &t->v[i];
		int bigram = k->kind == TEXT_TOKEN_BIGRAM;
		if (bigram != want_bigram)
			continue;
		const char *term = bigram ? k->term + 1 : k->term;
		size_t tl = bigram ? k->term_len - 1 : k->term_len;
		if (tl == wl && memcmp(term, w, wl) == 0)
			return k;
	}
	return NULL;
}

static void tokenize_case(const char *in, size_t in_len, const char *expected, int line)
{
	struct text_norm n;
	struct text_tokens t = {0};
	if (text_normalize(in, in_len, &n, NULL) != 0) {
		fprintf(stderr, "tokenize.txt:%d: input does not normalise\n", line);
		harness_failed_now = 1;
		return;
	}
	CHECK_INT(text_tokenize(g_tk, n.text, n.len, &t, NULL), 0);
	check_tokens(&t, n.text, n.len);
	const char *p = expected;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		if (e == p)
			break;
		char op = *p;
		int ok;
		if (op == '#') {
			ok = find_term(&t, p + 1, (size_t)(e - p - 1), 1) != NULL;
		} else if (op == '!') {
			const struct text_token *k = find_term(&t, p + 1, (size_t)(e - p - 1), 0);
			ok = k == NULL || (k->flags & TEXT_TOKEN_STOP);
		} else if (op == '~') {
			const struct text_token *k = find_term(&t, p + 1, (size_t)(e - p - 1), 0);
			ok = k != NULL && (k->flags & TEXT_TOKEN_STOP);
		} else if (op == '+') {
			const struct text_token *k = find_term(&t, p + 1, (size_t)(e - p - 1), 0);
			ok = k != NULL && !(k->flags & TEXT_TOKEN_STOP);
		} else {
			ok = find_term(&t, p, (size_t)(e - p), 0) != NULL;
		}
		if (!ok) {
			fprintf(stderr, "tokenize.txt:%d: expectation \"%.*s\" not met for \"%s\"\n",
				line, (int)(e - p), p, n.text);
			harness_failed_now = 1;
		}
		p = e;
	}
	text_tokens_release(&t);
	text_norm_release(&n);
}

TEST(tokenize_cases_from_data)
{
	REQUIRE(tokenizer_ready());
	int n = for_each_case(DATA_DIR "tokenize.txt", tokenize_case);
	CHECK(n >= 15);
}

TEST(tokenize_errors_and_reuse)
{
	REQUIRE(tokenizer_ready());
	struct text_tokens t = {0};
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(text_tokenize(g_tk, "ab\xC3", 3, &t, &ei), YK_EUTF8);
	CHECK(ei.message[0] != '\0');
	CHECK_INT(text_tokenize(g_tk, "", 0, &t, NULL), 0);
	CHECK_INT(t.n, 0);
	CHECK_INT(text_tokenize(g_tk, "x", (size_t)TEXT_MAX_INPUT + 1, &t, NULL), YK_ELIMIT);
	/* Reusing one token list: the second call replaces the first. */
	const char *a = "国民健康保険料の納付について";
	CHECK_INT(text_tokenize(g_tk, a, strlen(a), &t, NULL), 0);
	size_t first = t.n;
	CHECK(first > 4);
	const char *b = "犬";
	CHECK_INT(text_tokenize(g_tk, b, strlen(b), &t, NULL), 0);
	CHECK_INT(t.n, 1);
	CHECK_STR(t.v[0].term, "犬");
	CHECK_INT(t.npos, 1);
	/* text_tokenize_norm() over a text_normalize() result gives the same
	 * tokens as text_tokenize() over its text. */
	const char *c = "ﾏｲﾅﾝﾊﾞｰｶｰﾄﾞの交付申請　ＡＢＣ１２３を教えて";
	struct text_norm nc;
	struct text_tokens u = {0};
	REQUIRE(text_normalize(c, strlen(c), &nc, NULL) == 0);
	CHECK_INT(text_tokenize(g_tk, nc.text, nc.len, &t, NULL), 0);
	CHECK_INT(text_tokenize_norm(g_tk, &nc, &u, NULL), 0);
	CHECK(t.n > 6);
	CHECK_INT(u.n, t.n);
	for (size_t i = 0; i < t.n && i < u.n; i++) {
		CHECK_STR(u.v[i].term, t.v[i].term);
		CHECK_INT(u.v[i].start, t.v[i].start);
		CHECK_INT(u.v[i].end, t.v[i].end);
		CHECK_INT(u.v[i].kind, t.v[i].kind);
		CHECK_INT(u.v[i].flags, t.v[i].flags);
	}
	text_tokens_release(&u);
	text_norm_release(&nc);
	/* A long text (many reallocations) keeps every term pointer valid. */
	struct yk_buf big;
	yk_buf_init(&big, 0);
	for (int i = 0; i < 300; i++)
		CHECK_INT(yk_buf_adds(&big, "マイナンバーカードの交付申請は市民課窓口で受け付けます。"), 0);
	CHECK_INT(text_tokenize(g_tk, big.data, big.len, &t, NULL), 0);
	check_tokens(&t, big.data, big.len);
	CHECK(t.n > 300 * 10);
	yk_buf_release(&big);
	text_tokens_release(&t);
	text_tokens_release(&t);
}

TEST(segment_gives_surfaces)
{
	REQUIRE(tokenizer_ready());
	struct yk_buf out;
	yk_buf_init(&out, 0);
	const char *s = "引越しの手続き";
	CHECK_INT(text_segment(g_tk, s, strlen(s), &out, NULL), 0);
	CHECK_STR(out.data, "引越し の 手続き");
	yk_buf_release(&out);
	yk_buf_init(&out, 4);
	CHECK_INT(text_segment(g_tk, s, strlen(s), &out, NULL), YK_ELIMIT);
	yk_buf_release(&out);
}

TEST(model_missing_dictionary_is_an_error)
{
	struct text_model *m = (struct text_model *)1;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	CHECK_INT(text_model_new("/nonexistent/dic", &m, &ei), YK_EIO);
	CHECK(m == NULL);
	CHECK(strstr(ei.message, "unidic-mecab") != NULL);
	CHECK(strstr(ei.message, "--dicdir /nonexistent/dic") != NULL);
	text_model_free(NULL);
	text_tokenizer_free(NULL);
	text_tokenizer_give(NULL);
}

/* ---- finding the dictionary ----------------------------------------------- */

static char dic_tmp[256];

/* A directory under dic_tmp that looks like UniDic (sys.dic and a dicrc
 * naming unidic), like another dictionary (dicrc without it), or empty. */
enum fake_dic { FAKE_UNIDIC, FAKE_OTHER, FAKE_EMPTY };
static const char *fake_dir(const char *name, enum fake_dic kind)
{
	static char paths[8][320];
	static int next;
	if (!dic_tmp[0]) {
		yk_strlcpy(dic_tmp, "/tmp/yk-dic-XXXXXX", sizeof(dic_tmp));
		if (!mkdtemp(dic_tmp))
			return "/nonexistent";
	}
	char *dir = paths[next++ % 8];
	snprintf(dir, 320, "%s/%s", dic_tmp, name);
	mkdir(dir, 0700);
	char f[400];
	if (kind != FAKE_EMPTY) {
		snprintf(f, sizeof(f), "%s/sys.dic", dir);
		FILE *fp = fopen(f, "w");
		if (fp)
			fclose(fp);
		snprintf(f, sizeof(f), "%s/dicrc", dir);
		fp = fopen(f, "w");
		if (fp) {
			fputs(kind == FAKE_UNIDIC ? "output-format-type = unidic22\n"
						  : "; JUMAN dictionary\ncost-factor = 700\n",
			      fp);
			fclose(fp);
		}
	}
	return dir;
}

/* A mecabrc file under dic_tmp saying dicdir = dir. */
static const char *fake_mecabrc(const char *name, const char *dir)
{
	static char path[320];
	snprintf(path, sizeof(path), "%s/%s", dic_tmp, name);
	FILE *fp = fopen(path, "w");
	if (fp) {
		fprintf(fp, ";\n; Configuration file of MeCab\n;\ndicdir =  %s  \n; userdic = x\n", dir);
		fclose(fp);
	}
	return path;
}

static int find(const struct text_dic_search *s, char *dir, enum text_dic_source *from,
		struct yk_errinfo *ei)
{
	yk_errinfo_clear(ei);
	dir[0] = '\0';
	return text_dicdir_find(s, dir, TEXT_DICDIR_MAX, from, ei);
}

TEST(dictionary_found_from_each_source)
{
	const char *uni_flag = fake_dir("flag", FAKE_UNIDIC);
	const char *uni_env = fake_dir("env", FAKE_UNIDIC);
	const char *uni_rc = fake_dir("rc", FAKE_UNIDIC);
	const char *uni_known = fake_dir("known", FAKE_UNIDIC);
	const char *rc = fake_mecabrc("mecabrc", uni_rc);
	char dir[TEXT_DICDIR_MAX];
	enum text_dic_source from;
	struct yk_errinfo ei;
	struct text_dic_search s = {.flag = uni_flag, .env = uni_env, .mecabrc = {rc},
				    .known = {uni_known}};
	/* Each source wins over the ones after it. */
	CHECK_INT(find(&s, dir, &from, &ei), 0);
	CHECK_STR(dir, uni_flag);
	CHECK_INT(from, TEXT_DIC_FLAG);
	s.flag = NULL;
	CHECK_INT(find(&s, dir, &from, &ei), 0);
	CHECK_STR(dir, uni_env);
	CHECK_INT(from, TEXT_DIC_ENV);
	s.env = NULL;
	CHECK_INT(find(&s, dir, &from, &ei), 0);
	CHECK_STR(dir, uni_rc);
	CHECK_INT(from, TEXT_DIC_MECABRC);
	s.mecabrc[0] = NULL;
	CHECK_INT(find(&s, dir, &from, &ei), 0);
	CHECK_STR(dir, uni_known);
	CHECK_INT(from, TEXT_DIC_KNOWN);

	/* MeCab's default that is another dictionary (Debian's may be JUMAN
	 * or IPAdic) is passed over for the known paths; so is an unreadable
	 * first mecabrc ($MECABRC unset or wrong). */
	const char *juman = fake_dir("juman", FAKE_OTHER);
	s.mecabrc[0] = "/nonexistent/mecabrc";
	s.mecabrc[1] = fake_mecabrc("mecabrc-juman", juman);
	CHECK_INT(find(&s, dir, &from, &ei), 0);
	CHECK_STR(dir, uni_known);
	CHECK_INT(from, TEXT_DIC_KNOWN);

	/* The real process search finds the machine's UniDic (tests need it). */
	struct text_dic_search real;
	text_dic_search_default(&real, NULL);
	CHECK(real.flag == NULL);
	CHECK_STR(real.known[0], "/var/lib/mecab/dic/unidic");
	CHECK_INT(find(&real, dir, &from, &ei), 0);
	text_dic_search_default(&real, uni_flag);
	CHECK_STR(real.flag, uni_flag);
	/* The environment feeds the process search. */
	setenv(TEXT_DICDIR_ENV, uni_env, 1);
	setenv("MECABRC", rc, 1);
	text_dic_search_default(&real, NULL);
	CHECK_STR(real.env, uni_env);
	CHECK_STR(real.mecabrc[0], rc);
	CHECK_STR(real.mecabrc[1], "/etc/mecabrc");
	CHECK_INT(find(&real, dir, &from, &ei), 0);
	CHECK_STR(dir, uni_env);
	CHECK_INT(from, TEXT_DIC_ENV);
	unsetenv(TEXT_DICDIR_ENV);
	unsetenv("MECABRC");
	text_dic_search_default(&real, "");
	CHECK(real.flag == NULL && real.env == NULL);
}

TEST(dictionary_missing_names_every_place_tried)
{
	const char *empty = fake_dir("empty", FAKE_EMPTY);
	const char *juman = fake_dir("juman2", FAKE_OTHER);
	const char *rc = fake_mecabrc("mecabrc-other", juman);
	char dir[TEXT_DICDIR_MAX];
	enum text_dic_source from;
	struct yk_errinfo ei;
	struct text_dic_search s = {.mecabrc = {rc}, .known = {empty, "/nonexistent/unidic"}};
	CHECK_INT(find(&s, dir, &from, &ei), YK_EIO);
	CHECK(strstr(ei.message, rc) != NULL);
	CHECK(strstr(ei.message, juman) != NULL);
	CHECK(strstr(ei.message, "UniDic ではない") != NULL);
	CHECK(strstr(ei.message, empty) != NULL);
	CHECK(strstr(ei.message, "/nonexistent/unidic") != NULL);
	CHECK(strstr(ei.message, "辞書なし") != NULL);
	CHECK(strstr(ei.message, "unidic-mecab") != NULL);
	CHECK(strstr(ei.message, TEXT_DICDIR_ENV) != NULL);

	/* An explicit choice that is wrong is reported, not replaced by a
	 * later source that would work. */
	const char *uni = fake_dir("good", FAKE_UNIDIC);
	struct text_dic_search f = {.flag = juman, .known = {uni}};
	CHECK_INT(find(&f, dir, &from, &ei), YK_EIO);
	CHECK(strstr(ei.message, "--dicdir") != NULL);
	CHECK(strstr(ei.message, uni) == NULL);
	struct text_dic_search e = {.env = empty, .known = {uni}};
	CHECK_INT(find(&e, dir, &from, &ei), YK_EIO);
	CHECK(strstr(ei.message, TEXT_DICDIR_ENV " ") != NULL);
	CHECK(strstr(ei.message, empty) != NULL);

	/* Nothing at all to try. */
	struct text_dic_search none;
	memset(&none, 0, sizeof(none));
	CHECK_INT(find(&none, dir, &from, &ei), YK_EIO);
	CHECK(strstr(ei.message, "unidic-mecab") != NULL);
	/* A directory path that does not fit is refused. */
	CHECK_INT(text_dicdir_find(&f, dir, 4, &from, NULL), YK_EIO);
	struct text_dic_search ok = {.known = {uni}};
	CHECK_INT(text_dicdir_find(&ok, dir, 4, &from, NULL), YK_ELIMIT);
}

TEST(one_model_per_directory_and_its_tagger_pool)
{
	REQUIRE(tokenizer_ready());
	struct text_model *a = NULL, *b = NULL;
	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	/* The same directory by another search gives the same model. */
	struct text_dic_search s = {.known = {text_model_dicdir(g_model)}};
	REQUIRE(text_model_open(&s, &a, &ei) == 0);
	CHECK(a == g_model);
	REQUIRE(text_model_new(text_model_dicdir(g_model), &b, &ei) == 0);
	CHECK(b == g_model);
	CHECK(text_model_ref(b) == g_model);
	text_model_free(b);
	text_model_free(b);
	/* A tokenizer given back is taken again. */
	struct text_tokenizer *t1 = NULL, *t2 = NULL, *t3 = NULL;
	REQUIRE(text_tokenizer_take(a, &t1, &ei) == 0);
	REQUIRE(text_tokenizer_take(a, &t2, &ei) == 0);
	CHECK(t1 != t2);
	/* Tokenizers of one model name the same model (the query-token
	 * cache of search keys on it), never 0. */
	CHECK(text_tokenizer_model_id(t1) != 0);
	CHECK(text_tokenizer_model_id(t1) == text_tokenizer_model_id(t2));
	CHECK(text_tokenizer_model_id(t1) == text_tokenizer_model_id(g_tk));
	text_tokenizer_give(t1);
	REQUIRE(text_tokenizer_take(a, &t3, &ei) == 0);
	CHECK(t3 == t1);
	text_tokenizer_give(t2);
	text_tokenizer_give(t3);
	text_model_free(a); /* g_model keeps its own reference */
	CHECK_STR(text_model_dicdir(g_model), text_model_dicdir(g_model));
}

TEST(analyze_gives_name_classes)
{
	REQUIRE(tokenizer_ready());
	struct text_morphs m = {0};
	const char *s = "市民課の田中 花子です";
	CHECK_INT(text_analyze(g_tk, s, strlen(s), &m, NULL), 0);
	int sei = 0, mei = 0, space = 0;
	for (size_t i = 0; i < m.n; i++) {
		CHECK(m.v[i].start < m.v[i].end && m.v[i].end <= strlen(s));
		if (m.v[i].kind == TEXT_MORPH_SURNAME &&
		    strncmp(s + m.v[i].start, "田中", m.v[i].end - m.v[i].start) == 0)
			sei = 1;
		if (m.v[i].kind == TEXT_MORPH_GIVEN &&
		    strncmp(s + m.v[i].start, "花子", m.v[i].end - m.v[i].start) == 0)
			mei = 1, space = (int)m.v[i].space;
	}
	CHECK(sei && mei);
	CHECK_INT(space, 1);
	/* Not NUL-terminated input, errors. */
	char buf[6] = {'\xe6', '\x9d', '\xb1', '\xe4', '\xba', '\xac'}; /* 東京 */
	CHECK_INT(text_analyze(g_tk, buf, sizeof(buf), &m, NULL), 0);
	CHECK(m.n >= 1 && m.v[m.n - 1].end == 6);
	CHECK_INT(text_analyze(g_tk, "a\xff", 2, &m, NULL), YK_EUTF8);
	CHECK_INT(text_analyze(g_tk, "", 0, &m, NULL), 0);
	CHECK_INT(m.n, 0);
	CHECK_INT(text_analyze(g_tk, "x", (size_t)TEXT_MAX_INPUT + 1, &m, NULL), YK_ELIMIT);
	text_morphs_release(&m);
	text_morphs_release(&m);
}

/* text_analyze_valid() (the guard's windows) gives text_analyze()'s
 * morphemes, kinds and flags, and keeps the length limit. */
TEST(analyze_valid_same_as_analyze)
{
	REQUIRE(tokenizer_ready());
	static const char *const texts[] = {
		"市民課の田中 花子です", "長野係長から電話あり", "原口 純子様（昭和55年6月15日生）",
		"ｶﾞｲｺｸｼﾞﾝ 住民 Nguyen Van An さん", "東京都みどり市中央3丁目5番12号",
	};
	struct text_morphs a = {0}, b = {0};
	for (size_t k = 0; k < YK_ARRAY_LEN(texts); k++) {
		size_t len = strlen(texts[k]);
		CHECK_INT(text_analyze(g_tk, texts[k], len, &a, NULL), 0);
		CHECK_INT(text_analyze_valid(g_tk, texts[k], len, &b, NULL), 0);
		CHECK_INT(a.n, b.n);
		for (size_t i = 0; i < a.n && i < b.n; i++) {
			CHECK_INT(a.v[i].start, b.v[i].start);
			CHECK_INT(a.v[i].end, b.v[i].end);
			CHECK_INT(a.v[i].space, b.v[i].space);
			CHECK_INT(a.v[i].kind, b.v[i].kind);
			CHECK_INT(a.v[i].flags, b.v[i].flags);
		}
	}
	CHECK_INT(text_analyze_valid(g_tk, "", 0, &b, NULL), 0);
	CHECK_INT(b.n, 0);
	CHECK_INT(text_analyze_valid(g_tk, "x", (size_t)TEXT_MAX_INPUT + 1, &b, NULL), YK_ELIMIT);
	text_morphs_release(&a);
	text_morphs_release(&b);
}

/* text_analyze_prefixes() gives every prefix the morphemes of a parse of
 * its own: each code-point prefix of texts where the prefixes end inside a
 * word, inside a run of katakana or Latin letters MeCab groups as one
 * unknown word (the prefix must then be parsed alone), after a space or an
 * ideographic space, at the first and the last code point, and with ends
 * repeated, unsorted and 0. The morphemes already in out stay. */
TEST(analyze_prefixes_same_as_each_alone)
{
	REQUIRE(tokenizer_ready());
	static const char *const texts[] = {
		"出席者：小林委員長、加藤委員、吉田委員",
		"平野様", "林さん", "橋本部長、阿部課長",
		"通訳はグエンヴァンアンさんにお願いし",
		"ｶﾞｲｺｸｼﾞﾝ Nguyen Van Anさん",
		"世帯主 山本 誠 様", "担当：福祉課　松本（内線2345）",
		"東", "■名誉市民受賞者。１薄井一哉（うすいかずや元尼崎市長）",
	};
	struct text_morphs alone = {0}, out = {0};
	size_t ends[80];
	struct text_morph_range r[80];
	for (size_t k = 0; k < YK_ARRAY_LEN(texts); k++) {
		const char *s = texts[k];
		size_t len = strlen(s), n = 0;
		ends[n++] = 0;
		/* longest first: the parse is the longest whatever the order */
		ends[n++] = len;
		for (size_t i = 1; i <= len && n + 2 < YK_ARRAY_LEN(ends); i++)
			if (i == len || (s[i] & 0xC0) != 0x80)
				ends[n++] = i;
		ends[n++] = ends[2]; /* the first code point again */
		/* something in out before: it must stay */
		out.n = 0;
		CHECK_INT(text_analyze_valid(g_tk, "東京", strlen("東京"), &out, NULL), 0);
		size_t before = out.n;
		struct text_morph first = out.v[0];
		CHECK_INT(text_analyze_prefixes(g_tk, s, ends, n, &out, r, NULL), 0);
		CHECK(out.n >= before);
		CHECK_INT(out.v[0].start, first.start);
		CHECK_INT(out.v[0].end, first.end);
		for (size_t e = 0; e < n; e++) {
			CHECK_INT(text_analyze_valid(g_tk, s, ends[e], &alone, NULL), 0);
			CHECK_INT(r[e].n, alone.n);
			CHECK(r[e].n == 0 || (r[e].off >= before && r[e].off + r[e].n <= out.n));
			for (size_t i = 0; i < alone.n && i < r[e].n; i++) {
				const struct text_morph *a = &alone.v[i], *b = &out.v[r[e].off + i];
				CHECK_INT(a->start, b->start);
				CHECK_INT(a->end, b->end);
				CHECK_INT(a->space, b->space);
				CHECK_INT(a->kind, b->kind);
				CHECK_INT(a->flags, b->flags);
			}
		}
	}
	/* no prefix, or only empty ones */
	CHECK_INT(text_analyze_prefixes(g_tk, "x", ends, 0, &out, r, NULL), 0);
	ends[0] = 0;
	CHECK_INT(text_analyze_prefixes(g_tk, "x", ends, 1, &out, r, NULL), 0);
	CHECK_INT(r[0].n, 0);
	ends[0] = (size_t)TEXT_MAX_INPUT + 1;
	CHECK_INT(text_analyze_prefixes(g_tk, "x", ends, 1, &out, r, NULL), YK_ELIMIT);
	text_morphs_release(&alone);
	text_morphs_release(&out);
}

TEST(fold_one_code_point_to_one)
{
	const char *s = "ＴＥＬ　０２９９ー８８－９９９９ヘルパー\t‐";
	uint32_t cp[64], boff[65];
	size_t n = text_fold(s, strlen(s), cp, boff);
	CHECK_INT(n, yk_utf8_count(s, strlen(s)));
	char out[128];
	size_t o = 0;
	for (size_t i = 0; i < n; i++)
		o += yk_utf8_encode(cp[i], out + o);
	out[o] = '\0';
	/* case kept, ー a hyphen between digits only */
	CHECK_STR(out, "TEL 0299-88-9999ヘルパー -");
	CHECK_INT(boff[0], 0);
	CHECK_INT(boff[1], 3);
	CHECK_INT(boff[n], strlen(s));
	CHECK_INT(text_fold_cp(0xFF21), 'A');
	CHECK_INT(text_fold_cp(0x2212), '-');
	CHECK_INT(text_fold_cp(0x30FC), 0x30FC);
}

TEST(stop_lemmas)
{
	CHECK(text_is_stop_lemma("教える", strlen("教える")));
	CHECK(text_is_stop_lemma("場合", strlen("場合")));
	CHECK(!text_is_stop_lemma("転入", strlen("転入")));
	CHECK(!text_is_stop_lemma("教え", strlen("教え")));
	/* Every entry of the list, first to last, and near misses. */
	static const char *stop[] = {"教える", "知る", "為る", "事", "物", "様", "等", "其の", "つく",
				     "ん", "さん", "ほう", "そう", "こう", "是非", "宜しい"};
	for (size_t i = 0; i < YK_ARRAY_LEN(stop); i++)
		CHECK(text_is_stop_lemma(stop[i], strlen(stop[i])));
	static const char *not_stop[] = {"", "教えるx", "知", "さ", "宜しいです", "ほうほう",
					 "\0\0\0"};
	for (size_t i = 0; i < YK_ARRAY_LEN(not_stop); i++)
		CHECK(!text_is_stop_lemma(not_stop[i], strlen(not_stop[i])));
	CHECK(!text_is_stop_lemma("事\0", 4)); /* length counts, not the NUL */
}

TEST(release_tokenizer)
{
	text_tokenizer_free(g_tk);
	text_model_free(g_model);
	g_tk = NULL;
	g_model = NULL;
}

TEST_MAIN(T(dictionary_found_from_each_source), T(dictionary_missing_names_every_place_tried),
	  T(one_model_per_directory_and_its_tagger_pool), T(analyze_gives_name_classes),
	  T(analyze_valid_same_as_analyze), T(analyze_prefixes_same_as_each_alone),
	  T(fold_one_code_point_to_one), T(normalize_cases_from_data), T(normalize_offset_map_points_back),
	  T(normalize_limits_and_empty), T(normalize_reuse_equals_fresh), T(tokenize_cases_from_data), T(tokenize_errors_and_reuse),
	  T(segment_gives_surfaces), T(model_missing_dictionary_is_an_error), T(stop_lemmas),
	  T(release_tokenizer))
