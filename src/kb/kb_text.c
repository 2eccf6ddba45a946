/* kb/text: plain text, Markdown and PDF text (pdftotext output) into the
 * passage builder. Paragraphs end at blank lines; Markdown headings (ATX
 * and setext), list items and table rows are recognised; in plain text and
 * PDF text the headings of Japanese regulations (第1章, 第2節, 第3条) start
 * sections, so that a passage can be cited as "規程集 p.12 第3条". Pure. */
#include "kb/kb_int.h"

/* ---- regulation headings ------------------------------------------------ */

/* Length of a numeral run at s (ASCII or full-width digits, kanji numerals). */
static size_t numeral_len(const char *s, size_t len)
{
	static const char *const kanji[] = {"〇", "一", "二", "三", "四", "五", "六",
					    "七", "八", "九", "十", "百", "千"};
	size_t i = 0;
	for (;;) {
		if (i < len && s[i] >= '0' && s[i] <= '9') {
			i++;
			continue;
		}
		if (i + 3 <= len && (unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
		    (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99) {
			i += 3; /* ０..９ */
			continue;
		}
		size_t k = 0;
		for (; k < YK_ARRAY_LEN(kanji); k++)
			if (i + 3 <= len && memcmp(s + i, kanji[k], 3) == 0)
				break;
		if (k == YK_ARRAY_LEN(kanji))
			return i;
		i += 3;
	}
}

static int starts(const char *s, size_t len, const char *lit)
{
	size_t n = strlen(lit);
	return len >= n && memcmp(s, lit, n) == 0;
}

/* Recognises "第N章", "第N節", "第N款", "第N条" (and "第N条のM") at the start
 * of a trimmed line, followed by white space, "（" or the end of the line.
 * Returns the level (章 1, 節 2, 款 3, 条 4) or 0, and the token length. */
static int reg_heading(const char *s, size_t len, size_t *tok)
{
	static const struct {
		const char *unit;
		int level;
	} units[] = {{"章", 1}, {"節", 2}, {"款", 3}, {"条", 4}};
	if (!starts(s, len, "第"))
		return 0;
	size_t i = 3, n = numeral_len(s + i, len - i);
	if (!n)
		return 0;
	i += n;
	int level = 0;
	for (size_t u = 0; u < YK_ARRAY_LEN(units); u++)
		if (starts(s + i, len - i, units[u].unit))
			level = units[u].level;
	if (!level)
		return 0;
	i += 3;
	if (starts(s + i, len - i, "の")) {
		size_t m = numeral_len(s + i + 3, len - i - 3);
		if (m)
			i += 3 + m;
	}
	if (i < len && s[i] != ' ' && s[i] != '\t' && !starts(s + i, len - i, "\xE3\x80\x80") &&
	    !starts(s + i, len - i, "（"))
		return 0;
	*tok = i;
	return level;
}

/* A page-number line such as "12", "- 12 -" or "－１２－". */
static int is_page_number(const char *s, size_t len)
{
	int digits = 0;
	size_t i = 0;
	while (i < len) {
		if (s[i] >= '0' && s[i] <= '9') {
			digits = 1;
			i++;
		} else if (s[i] == ' ' || s[i] == '-' || s[i] == '/') {
			i++;
		} else if (i + 3 <= len && (unsigned char)s[i] == 0xEF &&
			   (unsigned char)s[i + 1] == 0xBC &&
			   (((unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99) ||
			    (unsigned char)s[i + 2] == 0x8D)) {
			digits |= (unsigned char)s[i + 2] != 0x8D;
			i += 3; /* ０..９ and － */
		} else {
			return 0;
		}
	}
	return digits;
}

/* ---- line helpers --------------------------------------------------------- */

static void trim_line(const char **s, size_t *len)
{
	while (*len && ((*s)[0] == ' ' || (*s)[0] == '\t' || (*s)[0] == '\r')) {
		(*s)++;
		(*len)--;
	}
	while (*len >= 3 && memcmp(*s, "\xE3\x80\x80", 3) == 0) {
		*s += 3;
		*len -= 3;
		while (*len && ((*s)[0] == ' ' || (*s)[0] == '\t')) {
			(*s)++;
			(*len)--;
		}
	}
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' || (*s)[*len - 1] == '\r'))
		(*len)--;
}

static int all_of(const char *s, size_t len, char c, size_t min)
{
	if (len < min)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] != c && s[i] != ' ')
			return 0;
	return 1;
}

/* Appends Markdown inline text without emphasis marks, code ticks and
 * link targets: "[申請書](a.pdf)" -> "申請書". */
static int add_inline(struct yk_buf *b, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		char c = s[i];
		if (c == '*' || c == '`' || (c == '_' && i + 1 < len && s[i + 1] == '_')) {
			i += (c == '_') ? 2 : 1;
			continue;
		}
		if (c == '!' && i + 1 < len && s[i + 1] == '[') {
			i++;
			continue;
		}
		if (c == ']' && i + 1 < len && s[i + 1] == '(') {
			const char *close = memchr(s + i, ')', len - i);
			if (close) {
				i = (size_t)(close - s) + 1;
				continue;
			}
		}
		if (c == '[') {
			i++;
			continue;
		}
		if (yk_buf_addc(b, c))
			return YK_ELIMIT;
		i++;
	}
	return 0;
}

/* ---- the parser ----------------------------------------------------------- */

struct text_state {
	struct kb__doc *d;
	int markdown;
	struct yk_buf para;  /* raw lines of the current paragraph */
	int para_lines;
	int seen_body;       /* a paragraph was emitted: later H1s are headings */
};

static int para_end(struct text_state *ts)
{
	int rc = 0;
	if (ts->para.len) {
		rc = kb__doc_para(ts->d, ts->para.data, ts->para.len);
		ts->seen_body = 1;
	}
	yk_buf_reset(&ts->para);
	ts->para_lines = 0;
	return rc;
}

static int para_add(struct text_state *ts, const char *s, size_t len)
{
	if ((ts->para.len && yk_buf_addc(&ts->para, '\n')) ||
	    (ts->markdown ? add_inline(&ts->para, s, len) : yk_buf_add(&ts->para, s, len)))
		return kb__problem(ts->d->rep, YK_ELIMIT, 0, "段落が長すぎます");
	ts->para_lines++;
	return 0;
}

static int heading(struct text_state *ts, int level, const char *s, size_t len)
{
	int rc = para_end(ts);
	if (rc)
		return rc;
	if (ts->markdown && level == 1 && !ts->seen_body) {
		struct yk_buf t;
		yk_buf_init(&t, 0);
		rc = add_inline(&t, s, len);
		if (!rc)
			rc = kb__doc_title(ts->d, t.data ? t.data : "", t.len);
		yk_buf_release(&t);
		return rc;
	}
	return kb__doc_heading(ts->d, level, s, len);
}

/* A 条 heading takes a preceding one-line caption "（目的）" into its text. */
static int reg_article(struct text_state *ts, const char *s, size_t len, size_t tok)
{
	int rc;
	struct yk_buf h;
	yk_buf_init(&h, KB_HEADING_MAX);
	if (yk_buf_add(&h, s, tok))
		(void)0; /* tok is short: cannot pass the limit */
	const char *p = ts->para.data;
	size_t pl = ts->para.len;
	if (ts->para_lines == 1 && pl <= 60 && starts(p, pl, "（") && pl >= 6 &&
	    memcmp(p + pl - 3, "）", 3) == 0) {
		if (yk_buf_add(&h, p, pl))
			(void)0;
		yk_buf_reset(&ts->para);
		ts->para_lines = 0;
	}
	if (!(rc = para_end(ts)) && !(rc = kb__doc_heading(ts->d, 4, h.data, h.len))) {
		const char *rest = s + tok;
		size_t rl = len - tok;
		trim_line(&rest, &rl);
		if (rl)
			rc = para_add(ts, rest, rl);
	}
	yk_buf_release(&h);
	return rc;
}

static int md_line(struct text_state *ts, const char *s, size_t len, int *fence)
{
	int rc;
	if (starts(s, len, "```") || starts(s, len, "~~~")) {
		*fence = !*fence;
		return para_end(ts);
	}
	if (*fence)
		return para_add(ts, s, len);
	if (len && s[0] == '#') {
		size_t n = 0;
		while (n < len && s[n] == '#')
			n++;
		if (n <= 6 && (n == len || s[n] == ' ' || s[n] == '\t')) {
			const char *h = s + n;
			size_t hl = len - n;
			while (hl && (h[hl - 1] == '#' || h[hl - 1] == ' '))
				hl--;
			trim_line(&h, &hl);
			return heading(ts, (int)n, h, hl);
		}
	}
	/* setext: a single line underlined with === or --- */
	if (ts->para_lines == 1 && (all_of(s, len, '=', 3) || all_of(s, len, '-', 3))) {
		struct yk_buf h;
		yk_buf_init(&h, 0);
		if (yk_buf_add(&h, ts->para.data, ts->para.len))
			(void)0;
		yk_buf_reset(&ts->para);
		ts->para_lines = 0;
		rc = heading(ts, s[0] == '=' ? 1 : 2, h.data, h.len);
		yk_buf_release(&h);
		return rc;
	}
	if (all_of(s, len, '-', 3) || all_of(s, len, '*', 3) || all_of(s, len, '_', 3))
		return para_end(ts); /* horizontal rule */
	if (len && s[0] == '|') {
		int sep = 1;
		for (size_t i = 0; i < len; i++)
			if (!strchr("|-: ", s[i]))
				sep = 0;
		if (sep)
			return 0; /* table alignment row */
		if ((rc = para_end(ts)))
			return rc;
		return para_add(ts, s, len); /* each table row is its own paragraph */
	}
	while (len >= 2 && s[0] == '>' && (s[1] == ' ' || s[1] == '>')) {
		s += 2;
		len -= 2;
	}
	size_t m = 0;
	if (len >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
		m = 2;
	else {
		size_t k = 0;
		while (k < len && k < 9 && s[k] >= '0' && s[k] <= '9')
			k++;
		/* numbered items start a paragraph and keep their number */
		if (k && k + 1 < len && (s[k] == '.' || s[k] == ')') && s[k + 1] == ' ')
			if ((rc = para_end(ts)))
				return rc;
	}
	if (m) {
		if ((rc = para_end(ts)))
			return rc;
		s += m;
		len -= m;
	}
	return para_add(ts, s, len);
}

static int text_line(struct text_state *ts, const char *s, size_t len)
{
	if (is_page_number(s, len))
		return 0;
	size_t tok = 0;
	int level = reg_heading(s, len, &tok);
	if (level == 4)
		return reg_article(ts, s, len, tok);
	if (level && len <= 120) {
		int rc = para_end(ts);
		return rc ? rc : kb__doc_heading(ts->d, level, s, len);
	}
	return para_add(ts, s, len);
}

int kb__parse_text(const char *s, size_t len, int markdown, struct kb__doc *d)
{
	struct text_state ts = {.d = d, .markdown = markdown};
	yk_buf_init(&ts.para, KB_FILE_MAX);
	int rc = 0, fence = 0;
	size_t pos = 0;
	while (pos < len && !rc) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - s) : len;
		const char *line = s + pos;
		size_t ll = end - pos;
		pos = end + 1;
		if (!fence)
			trim_line(&line, &ll);
		if (!ll && !fence) {
			rc = para_end(&ts);
			continue;
		}
		rc = markdown ? md_line(&ts, line, ll, &fence) : text_line(&ts, line, ll);
	}
	if (!rc)
		rc = para_end(&ts);
	yk_buf_release(&ts.para);
	return rc;
}

/* ---- PDF text --------------------------------------------------------------- */

int kb_parse_pdf_text(const char *text, size_t len, kb_record_fn fn, void *ctx,
		      struct kb_report *rep)
{
	if (rep)
		rep->format = KB_FORMAT_PDF;
	struct kb__doc d;
	kb__doc_init(&d, fn, ctx, rep);
	int rc = 0;
	if (!yk_utf8_valid(text, len, NULL)) {
		rc = kb__problem(rep, YK_EPARSE, 0, "PDF から読み取った文字が UTF-8 ではありません");
		goto out;
	}
	int64_t pageno = 0;
	size_t pos = 0;
	while (pos < len && !rc) {
		const char *ff = memchr(text + pos, '\f', len - pos);
		size_t end = ff ? (size_t)(ff - text) : len;
		pageno++;
		char loc[32];
		snprintf(loc, sizeof(loc), "p.%lld", (long long)pageno);
		if (!(rc = kb__doc_place(&d, pageno, loc)))
			rc = kb__parse_text(text + pos, end - pos, 0, &d);
		pos = end + 1;
	}
	if (!rc)
		rc = kb__doc_flush(&d);
	if (!rc && d.passages == 0)
		rc = kb__problem(rep, YK_EPARSE, 0,
				 "文字情報がありません（スキャンした画像だけの PDF です。OCR で文字を"
				 "付けてから取り込んでください）");
out:
	kb__doc_release(&d);
	return rc;
}
