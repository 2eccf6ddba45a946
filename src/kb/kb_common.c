/* kb/common: what every kb parser shares. Formats and reports, the FAQ
 * field table, text decoding (UTF-8 or CP932 through glibc iconv), white
 * space clean-up, and the passage builder that turns the headings,
 * paragraphs and page changes of a document into passages of a few hundred
 * characters. The dispatcher kb_parse_format() lives here too. */
#include <stdarg.h>

#include "kb/kb_int.h"
#include "core/banned.h"

/* ---- formats ------------------------------------------------------------ */

static const struct {
	const char *ext;
	enum kb_format format;
} format_exts[] = {
	{"csv", KB_FORMAT_CSV},       {"tsv", KB_FORMAT_TSV},   {"json", KB_FORMAT_JSON},
	{"jsonl", KB_FORMAT_JSONL},   {"ndjson", KB_FORMAT_JSONL},
	{"md", KB_FORMAT_MARKDOWN},   {"markdown", KB_FORMAT_MARKDOWN},
	{"txt", KB_FORMAT_TEXT},      {"html", KB_FORMAT_HTML}, {"htm", KB_FORMAT_HTML},
	{"pdf", KB_FORMAT_PDF},       {"docx", KB_FORMAT_DOCX}, {"xlsx", KB_FORMAT_XLSX},
	{"pptx", KB_FORMAT_PPTX},
};

static const char *const format_names[] = {
	[KB_FORMAT_UNKNOWN] = "unknown", [KB_FORMAT_CSV] = "csv",    [KB_FORMAT_TSV] = "tsv",
	[KB_FORMAT_JSON] = "json",       [KB_FORMAT_JSONL] = "jsonl",
	[KB_FORMAT_MARKDOWN] = "markdown", [KB_FORMAT_TEXT] = "text", [KB_FORMAT_HTML] = "html",
	[KB_FORMAT_PDF] = "pdf",         [KB_FORMAT_DOCX] = "docx",  [KB_FORMAT_XLSX] = "xlsx",
	[KB_FORMAT_PPTX] = "pptx",
};

enum kb_format kb_format_from_name(const char *name)
{
	if (!name)
		return KB_FORMAT_UNKNOWN;
	const char *slash = strrchr(name, '/');
	const char *base = slash ? slash + 1 : name;
	const char *dot = strrchr(base, '.');
	if (!dot || dot == base)
		return KB_FORMAT_UNKNOWN;
	for (size_t i = 0; i < YK_ARRAY_LEN(format_exts); i++)
		if (strcasecmp(dot + 1, format_exts[i].ext) == 0)
			return format_exts[i].format;
	return KB_FORMAT_UNKNOWN;
}

const char *kb_format_name(enum kb_format f)
{
	if ((size_t)f >= YK_ARRAY_LEN(format_names) || !format_names[f])
		return "unknown";
	return format_names[f];
}

/* ---- reports ------------------------------------------------------------ */

void kb_report_init(struct kb_report *rep, const char *name)
{
	memset(rep, 0, sizeof(*rep));
	yk_strlcpy(rep->name, name ? name : "", sizeof(rep->name));
	rep->format = kb_format_from_name(rep->name);
}

const char *kb_import_status_label(enum kb_import_status s)
{
	switch (s) {
	case KB_IMPORT_NEW:
		return "新規";
	case KB_IMPORT_REPLACED:
		return "置換";
	case KB_IMPORT_UNCHANGED:
		return "変更なし";
	case KB_IMPORT_FAILED:
		break;
	}
	return "取り込み不可";
}

const char *kb_report_visibility_note(const struct kb_report *rep, char *buf, size_t size)
{
	if (!size)
		return buf;
	buf[0] = '\0';
	int faq = rep->format == KB_FORMAT_CSV || rep->format == KB_FORMAT_TSV ||
		  rep->format == KB_FORMAT_JSON || rep->format == KB_FORMAT_JSONL;
	int stored = rep->status == KB_IMPORT_NEW || rep->status == KB_IMPORT_REPLACED;
	if (!faq || !stored || rep->records == 0 || rep->public_records > 0)
		return buf;
	snprintf(buf, size, "%zu件すべて職員のみ（%s）", rep->records,
		 rep->public_column ? "公開列がすべて非公開" : "公開列なし");
	return buf;
}

int kb__problem(struct kb_report *rep, int err, long line, const char *fmt, ...)
{
	if (!rep)
		return err;
	va_list ap;
	va_start(ap, fmt);
	ingest_problemv(&rep->problems, err, line, fmt, ap);
	va_end(ap);
	return err;
}

/* ---- FAQ fields ----------------------------------------------------------- */

const struct ingest_column kb__faq_columns[KB__F_COUNT] = {
	[KB__F_ID] = {"id", "番号", 0, {NULL}},
	[KB__F_QUESTION] = {"question", "質問", INGEST_REQUIRED, {NULL}},
	[KB__F_ANSWER] = {"answer", "回答", INGEST_REQUIRED, {NULL}},
	[KB__F_CATEGORY] = {"category", "カテゴリ", 0, {"カテゴリー", "分類", NULL}},
	[KB__F_URL] = {"url", "URL", 0, {NULL}},
	[KB__F_PUBLIC] = {"public", "公開", 0, {NULL}},
};

int kb__public_parse(const char *s, size_t len)
{
	static const char *const yes[] = {"1", "true", "yes", "y", "公開", "はい", "○", "〇"};
	static const char *const no[] = {"", "0", "false", "no", "n", "非公開", "いいえ", "×"};
	for (size_t i = 0; i < YK_ARRAY_LEN(yes); i++)
		if (strlen(yes[i]) == len && strncasecmp(yes[i], s, len) == 0)
			return 1;
	for (size_t i = 0; i < YK_ARRAY_LEN(no); i++)
		if (strlen(no[i]) == len && strncasecmp(no[i], s, len) == 0)
			return 0;
	return -1;
}

int kb__faq_check(const struct kb_record *r, const char *const names[KB__F_COUNT], char *msg,
		  size_t msgsz)
{
	if (!r->question[0]) {
		snprintf(msg, msgsz, "「%s」が空です", names[KB__F_QUESTION]);
		return YK_EPARSE;
	}
	if (!r->answer[0]) {
		snprintf(msg, msgsz, "「%s」が空です", names[KB__F_ANSWER]);
		return YK_EPARSE;
	}
	const char *u = r->url;
	if (u[0] && !yk_starts_with(u, "https://") && !yk_starts_with(u, "http://") && u[0] != '/') {
		snprintf(msg, msgsz, "「%s」は http:// か https:// で始まる URL にしてください",
			 names[KB__F_URL]);
		return YK_EPARSE;
	}
	for (const char *p = u; *p; p++) {
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>') {
			snprintf(msg, msgsz, "「%s」に空白や使えない文字が含まれています",
				 names[KB__F_URL]);
			return YK_EPARSE;
		}
	}
	return 0;
}

/* ---- white space ---------------------------------------------------------- */

/* Length of the white space character at s (0 if none); *nl set for line
 * breaks. */
static size_t space_len(const char *s, size_t len, int *nl)
{
	unsigned char c = (unsigned char)s[0];
	*nl = 0;
	if (c == '\n' || c == '\r' || c == '\f' || c == '\v') {
		*nl = 1;
		return 1;
	}
	if (c == ' ' || c == '\t')
		return 1;
	if (len >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0) /* U+3000 */
		return 3;
	if (len >= 2 && memcmp(s, "\xC2\xA0", 2) == 0) /* U+00A0 */
		return 2;
	return 0;
}

int kb__text_clean(const char *s, size_t len, struct yk_buf *out)
{
	size_t start = out->len;
	int pending_space = 0, pending_nl = 0;
	unsigned char prev = 0; /* last byte written by this call */
	size_t i = 0;
	while (i < len) {
		int nl;
		size_t n = space_len(s + i, len - i, &nl);
		if (n) {
			pending_space = 1;
			pending_nl |= nl;
			i += n;
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F) { /* other control characters: dropped */
			i++;
			continue;
		}
		if (pending_space && out->len > start) {
			/* A wrapped line of Japanese text joins without a space. */
			int join = pending_nl && prev >= 0x80 && c >= 0x80;
			if (!join && yk_buf_addc(out, ' '))
				return YK_ELIMIT;
		}
		pending_space = pending_nl = 0;
		size_t cl = 1;
		if (c >= 0x80) {
			uint32_t cp;
			cl = yk_utf8_decode(s + i, len - i, &cp);
		}
		if (yk_buf_add(out, s + i, cl))
			return YK_ELIMIT;
		prev = c;
		i += cl;
	}
	return 0;
}

/* ---- passage builder ------------------------------------------------------ */

#define DOC_TEXT_LIMIT (4u * KB_FIELD_MAX)

void kb__doc_init(struct kb__doc *d, kb_record_fn fn, void *ctx, struct kb_report *rep)
{
	memset(d, 0, sizeof(*d));
	d->fn = fn;
	d->ctx = ctx;
	d->rep = rep;
	yk_buf_init(&d->title, KB_HEADING_MAX);
	for (size_t i = 0; i < KB_HEADING_DEPTH; i++)
		yk_buf_init(&d->heads[i], KB_HEADING_MAX);
	yk_buf_init(&d->path, (KB_HEADING_MAX + 8) * KB_HEADING_DEPTH);
	yk_buf_init(&d->body, DOC_TEXT_LIMIT);
	yk_buf_init(&d->para, KB_FILE_MAX);
	char title[KB_HEADING_MAX + 1];
	kb__title_from_name(rep ? rep->name : "", title, sizeof(title));
	if (yk_buf_adds(&d->title, title))
		yk_buf_reset(&d->title);
}

void kb__doc_release(struct kb__doc *d)
{
	yk_buf_release(&d->title);
	for (size_t i = 0; i < KB_HEADING_DEPTH; i++)
		yk_buf_release(&d->heads[i]);
	yk_buf_release(&d->path);
	yk_buf_release(&d->body);
	yk_buf_release(&d->para);
}

void kb__title_from_name(const char *name, char *out, size_t outsz)
{
	const char *slash = strrchr(name, '/');
	const char *base = slash ? slash + 1 : name;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	if (n >= outsz)
		n = outsz - 1;
	/* Do not cut a UTF-8 sequence in half. */
	while (n > 0 && ((unsigned char)base[n] & 0xC0) == 0x80)
		n--;
	memcpy(out, base, n);
	out[n] = '\0';
}

/* Cleans s into dst (reset first), cut at dst's limit on a character
 * boundary: titles and headings are labels, a long one is not an error. */
static void set_label(struct yk_buf *dst, const char *s, size_t len)
{
	struct yk_buf tmp;
	yk_buf_init(&tmp, 0);
	yk_buf_reset(dst);
	if (kb__text_clean(s, len, &tmp) == 0) {
		size_t n = tmp.len < dst->limit ? tmp.len : dst->limit;
		while (n > 0 && n < tmp.len && ((unsigned char)tmp.data[n] & 0xC0) == 0x80)
			n--;
		if (yk_buf_add(dst, tmp.data ? tmp.data : "", n))
			yk_buf_reset(dst);
	}
	yk_buf_release(&tmp);
}

int kb__doc_title(struct kb__doc *d, const char *s, size_t len)
{
	struct yk_buf old = d->title;
	yk_buf_init(&d->title, KB_HEADING_MAX);
	set_label(&d->title, s, len);
	if (d->title.len == 0) { /* an empty title keeps the file name */
		yk_buf_release(&d->title);
		d->title = old;
	} else {
		yk_buf_release(&old);
	}
	return 0;
}

int kb__doc_flush(struct kb__doc *d)
{
	if (d->stopped)
		return d->stopped;
	if (d->body.len == 0)
		return 0;
	if (d->passages >= KB_PASSAGES_MAX)
		return kb__problem(d->rep, YK_ELIMIT, 0, "段落が多すぎます（上限 %d）",
				   KB_PASSAGES_MAX);
	yk_buf_reset(&d->path);
	for (size_t i = 0; i < KB_HEADING_DEPTH; i++) {
		if (!d->heads[i].len)
			continue;
		if ((d->path.len && yk_buf_adds(&d->path, " > ")) ||
		    yk_buf_add(&d->path, d->heads[i].data, d->heads[i].len))
			break; /* cannot pass the limit: sized for all levels */
	}
	struct kb_record r = {
		.kind = KB_KIND_PASSAGE,
		.external_id = "",
		.question = "",
		.answer = "",
		.category = "",
		.url = "",
		.title = d->title.data ? d->title.data : "",
		.heading_path = d->path.data ? d->path.data : "",
		.body = d->body.data,
		.page = d->body_page,
		.locator = d->body_locator,
	};
	d->passages++;
	if (d->rep)
		d->rep->records++;
	int rc = d->fn ? d->fn(d->ctx, &r) : 0;
	yk_buf_reset(&d->body);
	d->body_chars = 0;
	if (rc)
		d->stopped = rc;
	return rc;
}

int kb__doc_place(struct kb__doc *d, int64_t page, const char *locator)
{
	int rc = kb__doc_flush(d);
	if (rc)
		return rc;
	d->page = page;
	yk_strlcpy(d->locator, locator ? locator : "", sizeof(d->locator));
	return 0;
}

int kb__doc_heading(struct kb__doc *d, int level, const char *s, size_t len)
{
	int rc = kb__doc_flush(d);
	if (rc)
		return rc;
	if (level < 1)
		level = 1;
	if (level > KB_HEADING_DEPTH)
		level = KB_HEADING_DEPTH;
	set_label(&d->heads[level - 1], s, len);
	for (int i = level; i < KB_HEADING_DEPTH; i++)
		yk_buf_reset(&d->heads[i]);
	return 0;
}

/* Appends one piece (a paragraph, a sentence or a hard-cut chunk of at most
 * KB_PASSAGE_MAX characters) to the pending passage, ending it first when
 * the piece would take it past KB_PASSAGE_TARGET. */
static int doc_add_piece(struct kb__doc *d, const char *s, size_t len, size_t chars,
			 const char *sep)
{
	int rc;
	if (d->body_chars && d->body_chars + 1 + chars > KB_PASSAGE_TARGET)
		if ((rc = kb__doc_flush(d)))
			return rc;
	if (!d->body.len) {
		d->body_page = d->page;
		yk_strlcpy(d->body_locator, d->locator, sizeof(d->body_locator));
		sep = "";
	}
	if (yk_buf_adds(&d->body, sep) || yk_buf_add(&d->body, s, len))
		return kb__problem(d->rep, YK_ELIMIT, 0, "段落が長すぎます");
	d->body_chars += chars + (*sep ? 1 : 0);
	return 0;
}

/* 1 when the code point ends a sentence. */
static int is_sentence_end(uint32_t cp)
{
	return cp == 0x3002 /* 。 */ || cp == 0xFF01 /* ！ */ || cp == 0xFF1F /* ？ */ ||
	       cp == 0xFF0E /* ． */ || cp == '!' || cp == '?' || cp == '.';
}

/* Splits a long cleaned paragraph at sentence ends, hard-cutting sentences
 * longer than KB_PASSAGE_MAX. */
static int doc_add_long(struct kb__doc *d, const char *s, size_t len)
{
	size_t start = 0, chars = 0, i = 0;
	const char *sep = "\n";
	int rc;
	while (i < len) {
		uint32_t cp;
		size_t n = yk_utf8_decode(s + i, len - i, &cp);
		i += n;
		chars++;
		int end = is_sentence_end(cp) && (cp >= 0x80 || i == len || s[i] == ' ');
		if (end || chars == KB_PASSAGE_MAX || i == len) {
			size_t a = start;
			while (a < i && s[a] == ' ')
				a++;
			if (a < i) {
				if ((rc = doc_add_piece(d, s + a, i - a, chars - (a - start), sep)))
					return rc;
				sep = (unsigned char)s[a] >= 0x80 ? "" : " ";
			}
			start = i;
			chars = 0;
		}
	}
	return 0;
}

int kb__doc_para(struct kb__doc *d, const char *s, size_t len)
{
	if (d->stopped)
		return d->stopped;
	yk_buf_reset(&d->para);
	if (kb__text_clean(s, len, &d->para))
		return kb__problem(d->rep, YK_ELIMIT, 0, "段落が長すぎます");
	if (!d->para.len)
		return 0;
	size_t chars = yk_utf8_count(d->para.data, d->para.len);
	if (chars <= KB_PASSAGE_TARGET)
		return doc_add_piece(d, d->para.data, d->para.len, chars, "\n");
	return doc_add_long(d, d->para.data, d->para.len);
}

/* ---- dispatch --------------------------------------------------------------- */

static int parse_document(enum kb_format format, const char *bytes, size_t len,
			  kb_record_fn fn, void *ctx, struct kb_report *rep)
{
	struct kb__doc d;
	kb__doc_init(&d, fn, ctx, rep);
	struct yk_buf text;
	yk_buf_init(&text, 3 * (size_t)KB_FILE_MAX + 1);
	int rc = 0;
	switch (format) {
	case KB_FORMAT_MARKDOWN:
	case KB_FORMAT_TEXT:
		if ((rc = ingest_decode(bytes, len, &text, &rep->problems)))
			goto out;
		rc = kb__parse_text(text.data ? text.data : "", text.len,
				    format == KB_FORMAT_MARKDOWN ? KB__TEXT_MARKDOWN : KB__TEXT_TITLE,
				    &d);
		break;
	case KB_FORMAT_HTML:
		rc = kb__parse_html(bytes, len, &d);
		break;
	default:
		rc = kb__parse_ooxml(format, bytes, len, &d);
		break;
	}
	if (!rc)
		rc = kb__doc_flush(&d);
	if (!rc && d.passages == 0)
		rc = kb__problem(rep, YK_EPARSE, 0, "取り込める本文がありません（空のファイルか、見出しだけのファイルです）");
out:
	yk_buf_release(&text);
	kb__doc_release(&d);
	return rc;
}

int kb_parse_format(enum kb_format format, const char *bytes, size_t len, kb_record_fn fn,
		    void *ctx, struct kb_report *rep)
{
	if (rep)
		rep->format = format;
	if (len > KB_FILE_MAX)
		return kb__problem(rep, YK_ELIMIT, 0, "ファイルが大きすぎます（上限 %u MB）",
				   KB_FILE_MAX >> 20);
	switch (format) {
	case KB_FORMAT_CSV:
		return kb__parse_faq_table(',', bytes, len, fn, ctx, rep);
	case KB_FORMAT_TSV:
		return kb__parse_faq_table('\t', bytes, len, fn, ctx, rep);
	case KB_FORMAT_JSON:
		return kb__parse_faq_json(0, bytes, len, fn, ctx, rep);
	case KB_FORMAT_JSONL:
		return kb__parse_faq_json(1, bytes, len, fn, ctx, rep);
	case KB_FORMAT_PDF: {
		char *text = NULL;
		size_t text_len = 0;
		int rc = kb_pdf_to_text(bytes, len, &text, &text_len, rep);
		if (!rc)
			rc = kb_parse_pdf_text(text, text_len, fn, ctx, rep);
		free(text);
		return rc;
	}
	case KB_FORMAT_MARKDOWN:
	case KB_FORMAT_TEXT:
	case KB_FORMAT_HTML:
	case KB_FORMAT_DOCX:
	case KB_FORMAT_XLSX:
	case KB_FORMAT_PPTX:
		return parse_document(format, bytes, len, fn, ctx, rep);
	case KB_FORMAT_UNKNOWN:
		break;
	}
	return kb__problem(rep, YK_EINVAL, 0,
			   "この形式のファイルは取り込めません（CSV, TSV, JSON, JSONL, Markdown, "
			   "テキスト, HTML, PDF, DOCX, XLSX, PPTX に対応しています）");
}

int kb_parse(const char *bytes, size_t len, kb_record_fn fn, void *ctx, struct kb_report *rep)
{
	return kb_parse_format(kb_format_from_name(rep->name), bytes, len, fn, ctx, rep);
}
