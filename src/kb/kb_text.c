/* kb/text: plain text, Markdown and PDF text (pdftotext output) into the
 * passage builder. Paragraphs end at blank lines; Markdown headings (ATX
 * and setext), list items and table rows are recognised; in plain text and
 * PDF text the headings of Japanese regulations (第1章, 第2節, 第3条) start
 * sections, so that a passage can be cited as "規程集 p.12 第3条". Pure. */
#include "kb/kb_int.h"
#include "core/banned.h"

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

#define REG_TOKEN_MAX 64 /* bytes of "第百二十三条の四"; longer is not a heading */

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
	if (i > REG_TOKEN_MAX)
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

#define CAPTION_MAX 60 /* bytes of "（目的）"-style article captions */

/* "（目的）": a short line in full-width parentheses, as regulations put
 * above an article. */
static int is_caption(const char *p, size_t len)
{
	return len >= 6 && len <= CAPTION_MAX && starts(p, len, "（") &&
	       memcmp(p + len - 3, "）", 3) == 0 && !memchr(p, '\n', len);
}

/* Gives a held caption to the builder as an ordinary paragraph: it was not
 * followed by an article after all. */
static int caption_emit(struct kb__text *ts)
{
	int rc = 0;
	if (ts->caption.len)
		rc = kb__doc_para(ts->d, ts->caption.data, ts->caption.len);
	yk_buf_reset(&ts->caption);
	return rc;
}

#define TITLE_LINE_MAX 120 /* bytes: about 40 Japanese characters */

/* A first line that names the document ("みどり市情報公開規程"): one short
 * line that is not a sentence, a regulation heading or a page number. */
static int is_title_line(struct kb__text *ts)
{
	const char *p = ts->para.data;
	size_t n = ts->para.len, tok;
	return ts->para_lines == 1 && n >= 2 && n <= TITLE_LINE_MAX && !memmem(p, n, "。", 3) &&
	       !is_page_number(p, n) && !reg_heading(p, n, &tok);
}

static int para_end(struct kb__text *ts)
{
	int rc = 0;
	if (ts->para.len && ts->want_title) {
		ts->want_title = 0;
		if (is_title_line(ts)) {
			rc = kb__doc_title(ts->d, ts->para.data, ts->para.len);
			yk_buf_reset(&ts->para);
			ts->para_lines = 0;
			return rc;
		}
	}
	if (ts->para.len) {
		if (!ts->markdown && ts->para_lines == 1 && is_caption(ts->para.data, ts->para.len)) {
			/* Hold it: if an article follows, it joins its heading. */
			if (!(rc = caption_emit(ts)) &&
			    yk_buf_add(&ts->caption, ts->para.data, ts->para.len))
				rc = kb__problem(ts->d->rep, YK_ELIMIT, 0, "見出しが長すぎます");
		} else if (!(rc = caption_emit(ts))) {
			rc = kb__doc_para(ts->d, ts->para.data, ts->para.len);
			ts->seen_body = 1;
		}
	}
	yk_buf_reset(&ts->para);
	ts->para_lines = 0;
	return rc;
}

static int para_add(struct kb__text *ts, const char *s, size_t len)
{
	if ((ts->para.len && yk_buf_addc(&ts->para, '\n')) ||
	    (ts->markdown ? add_inline(&ts->para, s, len) : yk_buf_add(&ts->para, s, len)))
		return kb__problem(ts->d->rep, YK_ELIMIT, 0, "段落が長すぎます");
	ts->para_lines++;
	return 0;
}

static int heading(struct kb__text *ts, int level, const char *s, size_t len)
{
	int rc = kb__text_flush(ts);
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

/* A 条 heading takes a caption held just before it ("（目的）", possibly
 * across a blank line or, in DOCX and HTML, a paragraph boundary) into its
 * text: "第1条（目的）". The rest of the line starts the article's text. */
static int reg_article(struct kb__text *ts, const char *s, size_t len, size_t tok)
{
	ts->want_title = 0; /* a document that opens with an article has no title line */
	int rc = para_end(ts);
	if (rc)
		return rc;
	struct yk_buf h;
	yk_buf_init(&h, KB_HEADING_MAX);
	/* Both parts are short (REG_TOKEN_MAX, CAPTION_MAX), so the limit is
	 * only a guard. */
	if (yk_buf_add(&h, s, tok) || yk_buf_add(&h, ts->caption.data ? ts->caption.data : "",
						  ts->caption.len))
		rc = kb__problem(ts->d->rep, YK_ELIMIT, 0, "見出しが長すぎます");
	yk_buf_reset(&ts->caption);
	if (!rc && !(rc = kb__doc_heading(ts->d, 4, h.data, h.len))) {
		const char *rest = s + tok;
		size_t rl = len - tok;
		trim_line(&rest, &rl);
		if (rl)
			rc = para_add(ts, rest, rl);
	}
	yk_buf_release(&h);
	return rc;
}

static int md_line(struct kb__text *ts, const char *s, size_t len, int *fence)
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
		/* The paragraph buffer is reused by heading(): take the text out. */
		size_t hl = 0;
		char *h = yk_buf_detach(&ts->para, &hl);
		ts->para_lines = 0;
		rc = heading(ts, s[0] == '=' ? 1 : 2, h, hl);
		free(h);
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

static int text_line(struct kb__text *ts, const char *s, size_t len)
{
	if (is_page_number(s, len))
		return 0;
	size_t tok = 0;
	int level = reg_heading(s, len, &tok);
	if (level == 4)
		return reg_article(ts, s, len, tok);
	if (level && len <= 120) {
		ts->want_title = 0;
		int rc = kb__text_flush(ts);
		return rc ? rc : kb__doc_heading(ts->d, level, s, len);
	}
	return para_add(ts, s, len);
}

void kb__text_init(struct kb__text *ts, struct kb__doc *d, int markdown)
{
	memset(ts, 0, sizeof(*ts));
	ts->d = d;
	ts->markdown = markdown;
	yk_buf_init(&ts->para, KB_FILE_MAX);
	yk_buf_init(&ts->caption, CAPTION_MAX);
}

void kb__text_release(struct kb__text *ts)
{
	yk_buf_release(&ts->para);
	yk_buf_release(&ts->caption);
}

int kb__text_lines(struct kb__text *ts, const char *s, size_t len)
{
	int rc = 0;
	size_t pos = 0;
	while (pos < len && !rc) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - s) : len;
		const char *line = s + pos;
		size_t ll = end - pos;
		pos = end + 1;
		if (!ts->fence)
			trim_line(&line, &ll);
		if (!ll && !ts->fence) {
			rc = para_end(ts);
			continue;
		}
		rc = ts->markdown ? md_line(ts, line, ll, &ts->fence) : text_line(ts, line, ll);
	}
	return rc;
}

int kb__text_break(struct kb__text *ts)
{
	return para_end(ts);
}

int kb__text_flush(struct kb__text *ts)
{
	int rc = para_end(ts);
	return rc ? rc : caption_emit(ts);
}

int kb__parse_text(const char *s, size_t len, int flags, struct kb__doc *d)
{
	struct kb__text ts;
	kb__text_init(&ts, d, (flags & KB__TEXT_MARKDOWN) != 0);
	ts.want_title = (flags & KB__TEXT_TITLE) != 0;
	int rc = kb__text_lines(&ts, s, len);
	if (!rc)
		rc = kb__text_flush(&ts);
	kb__text_release(&ts);
	return rc;
}

/* ---- PDF text --------------------------------------------------------------- */

/* Running headers and footers ("みどり市例規集", "第3編 総務 - 12 -") repeat
 * on every page and would end up in every passage. A line among the first
 * or last PDF_EDGE_LINES non-empty lines of a page that (with its digits
 * ignored) appears there on at least 60% of the pages, and on at least
 * three, is dropped. Counting looks at the first PDF_EDGE_SAMPLE pages. */
#define PDF_EDGE_LINES 2
#define PDF_EDGE_SAMPLE 200
#define PDF_EDGE_TEXT 160
#define PDF_EDGE_LINE_MAX 90 /* bytes: about 30 Japanese characters */

struct edge {
	char text[PDF_EDGE_TEXT];
	size_t count;
	size_t last_page; /* so a line counts once per page */
};

/* Normal form of a header line: trimmed, white space removed, digit runs
 * (ASCII or full-width) as one '#'. Cut at PDF_EDGE_TEXT - 1 bytes. */
static void edge_norm(const char *s, size_t len, char *out)
{
	size_t o = 0;
	int in_digits = 0;
	for (size_t i = 0; i < len && o + 4 < PDF_EDGE_TEXT;) {
		unsigned char c = (unsigned char)s[i];
		int fw_digit = i + 3 <= len && c == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
			       (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99;
		if ((c >= '0' && c <= '9') || fw_digit) {
			if (!in_digits)
				out[o++] = '#';
			in_digits = 1;
			i += fw_digit ? 3 : 1;
			continue;
		}
		in_digits = 0;
		if (c == ' ' || c == '\t' || c == '\r') {
			i++;
			continue;
		}
		if (i + 3 <= len && memcmp(s + i, "\xE3\x80\x80", 3) == 0) {
			i += 3;
			continue;
		}
		size_t n = 1;
		if (c >= 0x80) {
			uint32_t cp;
			n = yk_utf8_decode(s + i, len - i, &cp);
		}
		if (o + n >= PDF_EDGE_TEXT)
			break;
		memcpy(out + o, s + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
}

/* 1 when a line could be a running header or footer: short, and not a
 * sentence (no 。), so that short pages do not lose their text. */
static int edge_candidate(const char *l, size_t n)
{
	return n <= PDF_EDGE_LINE_MAX && !memmem(l, n, "。", 3);
}

/* Calls fn for the candidate lines among the first and last
 * PDF_EDGE_LINES non-empty lines of a page (each line once; on a page of
 * few lines, only its first and last). */
static void page_edges(const char *p, size_t len,
		       void (*fn)(void *ctx, const char *line, size_t n), void *ctx)
{
	/* Non-empty lines: the first PDF_EDGE_LINES, then a ring of the last
	 * PDF_EDGE_LINES (order does not matter to the callers). */
	size_t starts[2 * PDF_EDGE_LINES], lens[2 * PDF_EDGE_LINES];
	size_t pos = 0, total = 0;
	while (pos < len) {
		const char *nl = memchr(p + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - p) : len;
		const char *l = p + pos;
		size_t ll = end - pos;
		trim_line(&l, &ll);
		if (ll) {
			size_t slot = total < PDF_EDGE_LINES
					      ? total
					      : PDF_EDGE_LINES + (total - PDF_EDGE_LINES) % PDF_EDGE_LINES;
			starts[slot] = (size_t)(l - p);
			lens[slot] = ll;
			total++;
		}
		pos = end + 1;
	}
	if (total <= 2 * PDF_EDGE_LINES) {
		if (total && edge_candidate(p + starts[0], lens[0]))
			fn(ctx, p + starts[0], lens[0]);
		if (total > 1 && edge_candidate(p + starts[total - 1], lens[total - 1]))
			fn(ctx, p + starts[total - 1], lens[total - 1]);
		return;
	}
	for (size_t i = 0; i < 2 * PDF_EDGE_LINES; i++)
		if (edge_candidate(p + starts[i], lens[i]))
			fn(ctx, p + starts[i], lens[i]);
}

struct edge_count {
	struct edge *v;
	size_t n, cap;
	size_t page;
};

static void count_edge(void *ctx, const char *line, size_t n)
{
	struct edge_count *ec = ctx;
	char norm[PDF_EDGE_TEXT];
	edge_norm(line, n, norm);
	if (!norm[0])
		return;
	for (size_t i = 0; i < ec->n; i++) {
		if (strcmp(ec->v[i].text, norm) == 0) {
			if (ec->v[i].last_page != ec->page) {
				ec->v[i].count++;
				ec->v[i].last_page = ec->page;
			}
			return;
		}
	}
	if (ec->n == ec->cap) {
		ec->cap = ec->cap ? ec->cap * 2 : 16;
		ec->v = yk_xrealloc(ec->v, ec->cap * sizeof(*ec->v));
	}
	struct edge *e = &ec->v[ec->n++];
	memcpy(e->text, norm, sizeof(norm));
	e->count = 1;
	e->last_page = ec->page;
}

struct edge_filter {
	const struct edge_count *repeated;
	const char *page;
	struct yk_buf *out; /* the page with repeated edge lines blanked */
};

static void blank_edge(void *ctx, const char *line, size_t n)
{
	struct edge_filter *f = ctx;
	char norm[PDF_EDGE_TEXT];
	edge_norm(line, n, norm);
	for (size_t i = 0; i < f->repeated->n; i++)
		if (strcmp(f->repeated->v[i].text, norm) == 0) {
			memset(f->out->data + (line - f->page), ' ', n);
			return;
		}
}

int kb_parse_pdf_text(const char *text, size_t len, kb_record_fn fn, void *ctx,
		      struct kb_report *rep)
{
	if (rep)
		rep->format = KB_FORMAT_PDF;
	struct kb__doc d;
	kb__doc_init(&d, fn, ctx, rep);
	struct edge_count ec = {0}, repeated = {0};
	struct yk_buf page;
	yk_buf_init(&page, 0);
	int rc = 0;
	if (!yk_utf8_valid(text, len, NULL)) {
		rc = kb__problem(rep, YK_EPARSE, 0, "PDF から読み取った文字が UTF-8 ではありません");
		goto out;
	}
	/* Pass 1: which edge lines repeat. */
	size_t pos = 0;
	while (pos < len && ec.page < PDF_EDGE_SAMPLE) {
		const char *ff = memchr(text + pos, '\f', len - pos);
		size_t end = ff ? (size_t)(ff - text) : len;
		ec.page++;
		page_edges(text + pos, end - pos, count_edge, &ec);
		pos = end + 1;
	}
	size_t need = ec.page * 6 / 10 > 3 ? ec.page * 6 / 10 : 3;
	for (size_t i = 0; i < ec.n; i++) {
		if (ec.v[i].count < need)
			continue;
		if (repeated.n == repeated.cap) {
			repeated.cap = repeated.cap ? repeated.cap * 2 : 4;
			repeated.v = yk_xrealloc(repeated.v, repeated.cap * sizeof(*repeated.v));
		}
		repeated.v[repeated.n++] = ec.v[i];
	}
	/* Pass 2: the pages, without those lines. */
	int64_t pageno = 0;
	pos = 0;
	while (pos < len && !rc) {
		const char *ff = memchr(text + pos, '\f', len - pos);
		size_t end = ff ? (size_t)(ff - text) : len;
		pageno++;
		char loc[32];
		snprintf(loc, sizeof(loc), "p.%lld", (long long)pageno);
		yk_buf_reset(&page);
		if (yk_buf_add(&page, text + pos, end - pos)) {
			rc = kb__problem(rep, YK_ELIMIT, 0, "ページが長すぎます");
			break;
		}
		if (repeated.n && page.len) {
			struct edge_filter f = {&repeated, text + pos, &page};
			page_edges(text + pos, end - pos, blank_edge, &f);
		}
		if (!(rc = kb__doc_place(&d, pageno, loc)))
			rc = kb__parse_text(page.data ? page.data : "", page.len,
					    pageno == 1 ? KB__TEXT_TITLE : 0, &d);
		pos = end + 1;
	}
	if (!rc)
		rc = kb__doc_flush(&d);
	if (!rc && d.passages == 0)
		rc = kb__problem(rep, YK_EPARSE, 0,
				 "文字情報がありません（スキャンした画像だけの PDF です。OCR で文字を"
				 "付けてから取り込んでください）");
out:
	free(ec.v);
	free(repeated.v);
	yk_buf_release(&page);
	kb__doc_release(&d);
	return rc;
}
