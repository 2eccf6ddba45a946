/* Unit tests for src/core: buffers and limits, arena, UTF-8, integer
 * parsing, encoders, error info formatting. */
#include "core/core.h"
#include "harness.h"

TEST(buf_limit_is_enforced_and_buffer_kept)
{
	struct yk_buf b;
	yk_buf_init(&b, 8);
	CHECK_INT(yk_buf_adds(&b, "abcd"), 0);
	CHECK_INT(yk_buf_adds(&b, "efgh"), 0);
	CHECK_INT(yk_buf_addc(&b, 'x'), YK_ELIMIT);
	CHECK_INT(b.len, 8);
	CHECK_STR(b.data, "abcdefgh");
	CHECK_INT(yk_buf_addf(&b, "%d", 1), YK_ELIMIT);
	yk_buf_release(&b);
}

TEST(buf_addf_and_detach)
{
	struct yk_buf b;
	yk_buf_init(&b, 0);
	for (int i = 0; i < 1000; i++)
		CHECK_INT(yk_buf_addf(&b, "%04d", i), 0);
	CHECK_INT(b.len, 4000);
	size_t len = 0;
	char *s = yk_buf_detach(&b, &len);
	CHECK_INT(len, 4000);
	CHECK(memcmp(s + 3996, "0999", 4) == 0);
	CHECK(b.data == NULL);
	free(s);
	s = yk_buf_detach(&b, &len); /* empty buffer still gives a string */
	CHECK_STR(s, "");
	free(s);
}

TEST(arena_alignment_and_large_blocks)
{
	struct yk_arena *a = yk_arena_new();
	char *small = yk_arena_alloc(a, 3);
	char *big = yk_arena_alloc(a, 100000);
	char *after = yk_arena_alloc(a, 5);
	CHECK(((uintptr_t)small & 15) == 0);
	CHECK(((uintptr_t)big & 15) == 0);
	CHECK(((uintptr_t)after & 15) == 0);
	memset(big, 'x', 100000);
	CHECK_STR(yk_arena_printf(a, "%s-%d", "市民課", 7), "市民課-7");
	CHECK_STR(yk_arena_strndup(a, "abcdef", 3), "abc");
	yk_arena_free(a);
	yk_arena_free(NULL);
}

TEST(utf8_validation)
{
	size_t off = 99;
	CHECK(yk_utf8_valid("みどり市 abc", strlen("みどり市 abc"), NULL));
	CHECK(yk_utf8_valid("", 0, NULL));
	CHECK(!yk_utf8_valid("ab\xC0\xAF", 4, &off)); /* overlong '/' */
	CHECK_INT(off, 2);
	CHECK(!yk_utf8_valid("\xED\xA0\x80", 3, &off)); /* surrogate */
	CHECK(!yk_utf8_valid("\xF4\x90\x80\x80", 4, &off)); /* > U+10FFFF */
	CHECK(!yk_utf8_valid("\xE3\x81", 2, &off));         /* truncated */
	CHECK_INT(off, 0);
	CHECK(!yk_utf8_valid("\x82\xA0", 2, NULL)); /* Shift_JIS あ */
	CHECK(yk_utf8_valid("\xF0\x9F\x91\x8D", 4, NULL)); /* 👍 */
	CHECK_INT(yk_utf8_count("あいう", strlen("あいう")), 3);
}

/* yk_utf8_count reads eight bytes at a time: every length and alignment
 * of mixed 1- to 4-byte text must give the count of a byte-by-byte walk. */
TEST(utf8_count_words)
{
	const char *mix = "aé市👍 b。ｶ\xF0\x9F\x98\x80z住民票の写しがほしいです、マイナンバー";
	size_t len = strlen(mix);
	for (size_t from = 0; from < len; from++) {
		if (((unsigned char)mix[from] & 0xC0) == 0x80)
			continue;
		size_t want = 0;
		for (size_t to = from; to <= len; to++) {
			if (to == len || ((unsigned char)mix[to] & 0xC0) != 0x80) {
				CHECK_INT(yk_utf8_count(mix + from, to - from), want);
				want++;
			}
		}
	}
	CHECK_INT(yk_utf8_count("", 0), 0);
	CHECK_INT(yk_utf8_count("\xBF\xBF\xBF\xBF\xBF\xBF\xBF\xBF\xBF", 9), 0);
}

TEST(utf8_decode_encode_roundtrip)
{
	uint32_t cps[] = {0x41, 0xE9, 0x3042, 0x1F44D, 0x10FFFF};
	for (size_t i = 0; i < YK_ARRAY_LEN(cps); i++) {
		char buf[4];
		size_t n = yk_utf8_encode(cps[i], buf);
		uint32_t back = 0;
		CHECK_INT(yk_utf8_decode(buf, n, &back), n);
		CHECK_INT(back, cps[i]);
	}
	uint32_t cp;
	CHECK_INT(yk_utf8_decode("\xE3\x81", 2, &cp), 1);
	CHECK_INT(cp, 0xFFFD);
}

TEST(parse_i64_rejects_garbage_and_range)
{
	int64_t v = 0;
	CHECK_INT(yk_parse_i64("42", 2, 0, 100, &v), 0);
	CHECK_INT(v, 42);
	CHECK_INT(yk_parse_i64("-7", 2, -10, 10, &v), 0);
	CHECK_INT(v, -7);
	CHECK_INT(yk_parse_i64("", 0, 0, 100, &v), YK_EPARSE);
	CHECK_INT(yk_parse_i64("-", 1, -5, 100, &v), YK_EPARSE);
	CHECK_INT(yk_parse_i64("12a", 3, 0, 100, &v), YK_EPARSE);
	CHECK_INT(yk_parse_i64(" 1", 2, 0, 100, &v), YK_EPARSE);
	CHECK_INT(yk_parse_i64("101", 3, 0, 100, &v), YK_ELIMIT);
	CHECK_INT(yk_parse_i64("99999999999999999999", 20, INT64_MIN, INT64_MAX, &v), YK_ELIMIT);
	CHECK_INT(yk_parse_i64("-9223372036854775808", 20, INT64_MIN, INT64_MAX, &v), 0);
	CHECK(v == INT64_MIN);
	CHECK_INT(yk_parse_i64("9223372036854775808", 19, INT64_MIN, INT64_MAX, &v), YK_ELIMIT);
}

TEST(hex_base64url_sha256)
{
	unsigned char h[32];
	char hex[65];
	yk_sha256("abc", 3, h);
	yk_hex(h, 32, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	char b64[64];
	yk_base64url((const unsigned char *)"\xfb\xff", 2, b64);
	CHECK_STR(b64, "-_8");
	yk_base64url((const unsigned char *)"foobar", 6, b64);
	CHECK_STR(b64, "Zm9vYmFy");
	yk_base64url((const unsigned char *)"f", 1, b64);
	CHECK_STR(b64, "Zg");
	CHECK(yk_consttime_eq("abc", "abc", 3));
	CHECK(!yk_consttime_eq("abc", "abd", 3));
}

TEST(random_bytes_differ)
{
	unsigned char a[32], b[32];
	yk_random_bytes(a, sizeof(a));
	yk_random_bytes(b, sizeof(b));
	CHECK(memcmp(a, b, 32) != 0);
}

TEST(errinfo_format_variants)
{
	struct yk_errinfo ei;
	char out[600];
	yk_errinfo_clear(&ei);
	CHECK_INT(yk_errinfo_set(&ei, YK_EPARSE, "column \"%s\" is empty", "answer"), YK_EPARSE);
	yk_errinfo_at(&ei, "faq.csv", 17, "answer");
	yk_errinfo_format(&ei, out, sizeof(out));
	CHECK_STR(out, "faq.csv:17: column \"answer\" is empty");
	ei.line = 0;
	yk_errinfo_format(&ei, out, sizeof(out));
	CHECK_STR(out, "faq.csv: column \"answer\" is empty");
	CHECK_STR(yk_err_code(YK_ENOTFOUND), "not_found");
	CHECK_STR(yk_err_code(12345), "internal_error");
	CHECK(yk_errinfo_set(NULL, YK_EINVAL, "x") == YK_EINVAL);
}

TEST(time_iso_format)
{
	char buf[32];
	yk_time_iso(0, buf, sizeof(buf));
	CHECK_STR(buf, "1970-01-01T00:00:00Z");
	yk_time_iso(1795424400, buf, sizeof(buf));
	CHECK_STR(buf, "2026-11-23T09:00:00Z");
}

TEST(csv_cell_is_formula_safe_and_quoted_when_needed)
{
	static const struct {
		const char *in;
		int always;
		const char *out;
	} cases[] = {
		{"plain", 0, "plain"},
		{"plain", 1, "\"plain\""},
		{"", 0, ""},
		{"", 1, "\"\""},
		{"a,b", 0, "\"a,b\""},
		{"say \"hi\"", 0, "\"say \"\"hi\"\"\""},
		{"two\nlines", 0, "\"two\nlines\""},
		{"=SUM(A1)", 0, "'=SUM(A1)"},
		{"+81", 1, "\"'+81\""},
		{"-1", 0, "'-1"},
		{"@cmd", 0, "'@cmd"},
		{"\tx", 0, "'\tx"},
		{"\rx", 0, "\"'\rx\""},
		{"1=1", 0, "1=1"},
		{"職員", 0, "職員"},
	};
	for (size_t i = 0; i < YK_ARRAY_LEN(cases); i++) {
		struct yk_buf b;
		yk_buf_init(&b, 0);
		CHECK_INT(yk_buf_add_csv_cell(&b, cases[i].in, cases[i].always), 0);
		CHECK_STR(b.data ? b.data : "", cases[i].out);
		yk_buf_release(&b);
	}
	struct yk_buf small;
	yk_buf_init(&small, 4);
	CHECK_INT(yk_buf_add_csv_cell(&small, "too long for it", 1), YK_ELIMIT);
	yk_buf_release(&small);
}

TEST_MAIN(T(buf_limit_is_enforced_and_buffer_kept), T(csv_cell_is_formula_safe_and_quoted_when_needed), T(buf_addf_and_detach),
	  T(arena_alignment_and_large_blocks), T(utf8_validation), T(utf8_count_words), T(utf8_decode_encode_roundtrip),
	  T(parse_i64_rejects_garbage_and_range), T(hex_base64url_sha256), T(random_bytes_differ),
	  T(errinfo_format_variants), T(time_iso_format))
