/* kb/html: HTML pages into the passage builder, with the libxml2 HTML
 * parser (recovering, no network). Block elements end paragraphs, h1-h6
 * are headings, <title> is the title; script, style and other non-text
 * elements are dropped. Input is UTF-8 or CP932 like every text file. */
#include <pthread.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "kb/kb_int.h"
#include "core/banned.h"

static const char *const skipped[] = {
	"script", "style", "noscript", "template", "iframe", "object", "embed",
	"svg",    "math",  "canvas",   "select",   "button", "nav",    "meta",
	"link",
};

static const char *const blocks[] = {
	"p",       "div",    "li",   "td",       "th",         "tr",      "dd",
	"dt",      "dl",     "ul",   "ol",       "table",      "caption", "blockquote",
	"pre",     "section", "article", "main",  "header",     "footer",  "aside",
	"figure",  "figcaption", "address", "hr", "form",       "fieldset", "body",
	"details", "summary",
};

static int in_list(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return 1;
	return 0;
}

struct html_walk {
	struct kb__doc *d;
	struct yk_buf text;  /* inline text of the current block */
	struct kb__text tx;  /* blocks go through the text reader (第N条) */
	int have_title;
};

/* Ends the current block: its text becomes a paragraph (or a regulation
 * heading). <br> line breaks are kept as lines. */
static int flush_text(struct html_walk *w)
{
	int rc = 0;
	if (w->text.len && !(rc = kb__text_lines(&w->tx, w->text.data, w->text.len)))
		rc = kb__text_break(&w->tx);
	yk_buf_reset(&w->text);
	return rc;
}

/* Text content of n (all descendant text nodes, skipped elements left
 * out), appended to out. */
static int node_text(xmlNode *n, struct yk_buf *out, int depth)
{
	if (depth > KB_XML_DEPTH_MAX)
		return YK_ELIMIT;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content && yk_buf_adds(out, (const char *)c->content))
				return YK_ELIMIT;
		} else if (c->type == XML_ELEMENT_NODE &&
			   !in_list((const char *)c->name, skipped, YK_ARRAY_LEN(skipped))) {
			int rc = node_text(c, out, depth + 1);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* A table row is one paragraph, its cells joined with " | " (as XLSX
 * rows), so that "窓口 | 受付時間" stay together in a passage. */
static int table_row(struct html_walk *w, xmlNode *tr, int depth)
{
	struct yk_buf cell;
	yk_buf_init(&cell, KB_FILE_MAX);
	int rc = 0;
	for (xmlNode *c = tr->children; c && !rc; c = c->next) {
		if (c->type != XML_ELEMENT_NODE ||
		    (strcmp((const char *)c->name, "td") != 0 && strcmp((const char *)c->name, "th") != 0))
			continue;
		yk_buf_reset(&cell);
		if (node_text(c, &cell, depth + 1)) {
			rc = kb__problem(w->d->rep, YK_ELIMIT, 0, "表のセルが深すぎるか長すぎます");
			break;
		}
		/* One line per row: line breaks inside a cell become spaces. */
		for (size_t i = 0; i < cell.len; i++)
			if (cell.data[i] == '\n' || cell.data[i] == '\r')
				cell.data[i] = ' ';
		const char *s = cell.data ? cell.data : "";
		size_t n = cell.len;
		while (n && (*s == ' ' || *s == '\t')) {
			s++;
			n--;
		}
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (!n)
			continue;
		if ((w->text.len && yk_buf_adds(&w->text, " | ")) || yk_buf_add(&w->text, s, n))
			rc = kb__problem(w->d->rep, YK_ELIMIT, 0, "段落が長すぎます");
	}
	yk_buf_release(&cell);
	return rc ? rc : flush_text(w);
}

static int walk(struct html_walk *w, xmlNode *n, int depth)
{
	if (depth > KB_XML_DEPTH_MAX)
		return kb__problem(w->d->rep, YK_ELIMIT, 0, "HTML の入れ子が深すぎます（上限 %d）",
				   KB_XML_DEPTH_MAX);
	int rc = 0;
	for (xmlNode *c = n->children; c && !rc; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content && yk_buf_adds(&w->text, (const char *)c->content))
				rc = kb__problem(w->d->rep, YK_ELIMIT, 0, "段落が長すぎます");
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)c->name;
		if (strcmp(name, "title") == 0) {
			if (!w->have_title) {
				struct yk_buf t;
				yk_buf_init(&t, KB_FILE_MAX);
				if (node_text(c, &t, depth + 1) == 0 && t.len) {
					rc = kb__doc_title(w->d, t.data, t.len);
					w->have_title = 1;
				}
				yk_buf_release(&t);
			}
			continue;
		}
		if (strcmp(name, "head") == 0) {
			rc = walk(w, c, depth + 1); /* for <title>; the rest is skipped */
			yk_buf_reset(&w->text);
			continue;
		}
		if (in_list(name, skipped, YK_ARRAY_LEN(skipped)))
			continue;
		if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]) {
			if ((rc = flush_text(w)) || (rc = kb__text_flush(&w->tx)))
				break;
			struct yk_buf t;
			yk_buf_init(&t, KB_FILE_MAX);
			if (node_text(c, &t, depth + 1))
				rc = kb__problem(w->d->rep, YK_ELIMIT, 0, "見出しが深すぎます");
			else if (name[1] == '1' && !w->have_title) {
				rc = kb__doc_title(w->d, t.data ? t.data : "", t.len);
				w->have_title = 1;
			} else {
				rc = kb__doc_heading(w->d, name[1] - '0', t.data ? t.data : "", t.len);
			}
			yk_buf_release(&t);
			continue;
		}
		if (strcmp(name, "br") == 0) {
			if (yk_buf_addc(&w->text, '\n'))
				rc = kb__problem(w->d->rep, YK_ELIMIT, 0, "段落が長すぎます");
			continue;
		}
		if (strcmp(name, "tr") == 0) {
			if (!(rc = flush_text(w)))
				rc = table_row(w, c, depth + 1);
			continue;
		}
		int block = in_list(name, blocks, YK_ARRAY_LEN(blocks));
		if (block && (rc = flush_text(w)))
			break;
		if ((rc = walk(w, c, depth + 1)))
			break;
		if (block)
			rc = flush_text(w);
	}
	return rc;
}

static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void silent_structured(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

void kb__xml_quiet(void)
{
	/* libxml2 2.9 initialises itself lazily without a lock: do it once
	 * here so that the first parses on several threads cannot race. */
	pthread_once(&xml_once, xmlInitParser);
	/* Both handlers are per-thread state in libxml2. */
	xmlSetGenericErrorFunc(NULL, silent);
	xmlSetStructuredErrorFunc(NULL, silent_structured);
}

int kb__parse_html(const char *bytes, size_t len, struct kb__doc *d)
{
	struct yk_buf text;
	yk_buf_init(&text, 3 * (size_t)KB_FILE_MAX + 1);
	struct html_walk w = {.d = d};
	yk_buf_init(&w.text, KB_FILE_MAX);
	kb__text_init(&w.tx, d, 0);
	htmlDocPtr doc = NULL;
	int rc = ingest_decode(bytes, len, &text, &d->rep->problems);
	if (rc)
		goto out;
	kb__xml_quiet();
	doc = htmlReadMemory(text.data ? text.data : "", (int)text.len, NULL, "UTF-8",
			     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
				     HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
	if (!doc) {
		rc = kb__problem(d->rep, YK_EPARSE, 0, "HTML として読み取れませんでした");
		goto out;
	}
	/* With NOIMPLIED the top level may hold several nodes; walk them all. */
	rc = walk(&w, (xmlNode *)doc, 0);
	if (!rc && !(rc = flush_text(&w)))
		rc = kb__text_flush(&w.tx);
out:
	if (doc)
		xmlFreeDoc(doc);
	yk_buf_release(&w.text);
	kb__text_release(&w.tx);
	yk_buf_release(&text);
	return rc;
}
