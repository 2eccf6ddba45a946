/* kb/html: HTML pages into the passage builder, with the libxml2 HTML
 * parser (recovering, no network). Block elements end paragraphs, h1-h6
 * are headings, <title> is the title; script, style and other non-text
 * elements are dropped. Input is UTF-8 or CP932 like every text file. */
#include <pthread.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "kb/kb_int.h"

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
	struct yk_buf text; /* inline text of the current paragraph */
	int have_title;
};

static int flush_text(struct html_walk *w)
{
	int rc = kb__doc_para(w->d, w->text.data ? w->text.data : "", w->text.len);
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
			if ((rc = flush_text(w)))
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
	htmlDocPtr doc = NULL;
	int rc = kb__decode_text(bytes, len, &text, d->rep);
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
	if (!rc)
		rc = flush_text(&w);
out:
	if (doc)
		xmlFreeDoc(doc);
	yk_buf_release(&w.text);
	yk_buf_release(&text);
	return rc;
}
