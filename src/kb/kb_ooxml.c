/* kb/ooxml: Word (DOCX), Excel (XLSX) and PowerPoint (PPTX) files, which
 * are zip archives of XML parts (libzip + libxml2), into the passage
 * builder. Pure: the archive is read from memory.
 *
 * Hostile archives are bounded: at most KB_ZIP_ENTRIES_MAX entries, parts
 * of at most KB_ZIP_ENTRY_MAX uncompressed bytes counted while reading (the
 * sizes in the zip directory are not trusted), KB_ZIP_TOTAL_MAX per file,
 * and a compression ratio limit against zip bombs. XML parts are parsed
 * without network access, DTDs are refused (no entity tricks), element
 * nesting is limited to KB_XML_DEPTH_MAX.
 *
 * What is kept: DOCX paragraphs with their heading levels (from the
 * paragraph styles or outline levels), the document title, and page numbers
 * where Word recorded page breaks; XLSX rows of
 * each sheet, joined with " | ", located by sheet name; PPTX slides in
 * presentation order, title placeholders as headings, located by slide
 * number. Phonetic guides (rPh) in Excel strings are left out. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "kb/kb_int.h"
#include "core/banned.h"

#define PART_NAME_MAX 512
#define STYLES_MAX 1024
#define SHEETS_MAX 1000
#define SLIDES_MAX 5000

static const char *const rel_ns[] = {
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
	"http://purl.oclc.org/ooxml/officeDocument/relationships",
};

struct ooxml {
	zip_t *zip;
	size_t total;          /* uncompressed bytes read so far */
	struct kb__doc *d;
	struct kb_report *rep;
	size_t cells;
};

/* ---- zip ------------------------------------------------------------------- */

static int zip_open_mem(struct ooxml *o, const char *bytes, size_t len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);
	if (!src) {
		zip_error_fini(&ze);
		return kb__problem(o->rep, YK_EPARSE, 0, "ZIP として読めません");
	}
	o->zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	if (!o->zip) {
		zip_source_free(src);
		int rc = kb__problem(o->rep, YK_EPARSE, 0,
				     "ファイルが壊れているか途中で切れています（ZIP として読めません: %s）",
				     zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	zip_error_fini(&ze);
	zip_int64_t n = zip_get_num_entries(o->zip, 0);
	if (n < 0 || n > KB_ZIP_ENTRIES_MAX)
		return kb__problem(o->rep, YK_ELIMIT, 0,
				   "ZIP の中のファイルが多すぎます（上限 %d）", KB_ZIP_ENTRIES_MAX);
	return 0;
}

/* Reads part name into out. YK_ENOTFOUND (no problem recorded) when the
 * archive has no such part. */
static int zip_read_part(struct ooxml *o, const char *name, struct yk_buf *out)
{
	zip_stat_t st;
	zip_stat_init(&st);
	yk_buf_reset(out);
	if (zip_stat(o->zip, name, 0, &st) != 0)
		return YK_ENOTFOUND;
	if ((st.valid & ZIP_STAT_SIZE) && st.size > KB_ZIP_ENTRY_MAX)
		return kb__problem(o->rep, YK_ELIMIT, 0, "%s が大きすぎます（展開後 %u MB まで）",
				   name, KB_ZIP_ENTRY_MAX >> 20);
	zip_file_t *f = zip_fopen(o->zip, name, 0);
	if (!f)
		return kb__problem(o->rep, YK_EPARSE, 0, "%s を開けません（%s）", name,
				   zip_strerror(o->zip));
	int rc = 0;
	char chunk[65536];
	for (;;) {
		zip_int64_t n = zip_fread(f, chunk, sizeof(chunk));
		if (n < 0) {
			rc = kb__problem(o->rep, YK_EPARSE, 0,
					 "%s が壊れています（%s）", name, zip_file_strerror(f));
			break;
		}
		if (n == 0)
			break;
		o->total += (size_t)n;
		if (out->len + (size_t)n > KB_ZIP_ENTRY_MAX || o->total > KB_ZIP_TOTAL_MAX) {
			rc = kb__problem(o->rep, YK_ELIMIT, 0,
					 "展開後のサイズが大きすぎます（%s、上限 %u MB）", name,
					 KB_ZIP_ENTRY_MAX >> 20);
			break;
		}
		/* A zip bomb expands far beyond any real Office part. */
		if ((st.valid & ZIP_STAT_COMP_SIZE) && out->len + (size_t)n > (1u << 20) &&
		    out->len + (size_t)n > (size_t)st.comp_size * KB_ZIP_RATIO_MAX) {
			rc = kb__problem(o->rep, YK_ELIMIT, 0,
					 "圧縮率が異常です（%s）。ZIP 爆弾の疑いがあるため取り込みません",
					 name);
			break;
		}
		if (yk_buf_add(out, chunk, (size_t)n)) {
			rc = kb__problem(o->rep, YK_ELIMIT, 0, "%s が大きすぎます", name);
			break;
		}
	}
	zip_fclose(f);
	return rc;
}

/* ---- XML ------------------------------------------------------------------- */

static int xml_parse(struct ooxml *o, const char *name, const struct yk_buf *b, xmlDoc **out)
{
	*out = NULL;
	if (b->len > (size_t)KB_ZIP_ENTRY_MAX)
		return kb__problem(o->rep, YK_ELIMIT, 0, "%s が大きすぎます", name);
	xmlDoc *doc = xmlReadMemory(b->data ? b->data : "", (int)b->len, NULL, NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return kb__problem(o->rep, YK_EPARSE, 0, "%s が XML として読めません（壊れています）",
				   name);
	if (doc->intSubset || doc->extSubset) {
		xmlFreeDoc(doc);
		return kb__problem(o->rep, YK_EPARSE, 0, "%s に DTD があります（Office の XML ではありません）",
				   name);
	}
	*out = doc;
	return 0;
}

static int is_el(const xmlNode *n, const char *local)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, local) == 0;
}

static xmlNode *child(xmlNode *n, const char *local)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is_el(c, local))
			return c;
	return NULL;
}

/* Attribute by local name, any namespace; copied into out ("" if none). */
static void attr(xmlNode *n, const char *local, char *out, size_t outsz)
{
	out[0] = '\0';
	for (xmlAttr *a = n->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, local) != 0)
			continue;
		xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
		yk_strlcpy(out, v ? (const char *)v : "", outsz);
		xmlFree(v);
		return;
	}
}

/* The r:id attribute (relationships namespace). */
static void rel_id(xmlNode *n, char *out, size_t outsz)
{
	out[0] = '\0';
	for (size_t i = 0; i < YK_ARRAY_LEN(rel_ns); i++) {
		xmlChar *v = xmlGetNsProp(n, (const xmlChar *)"id", (const xmlChar *)rel_ns[i]);
		if (v) {
			yk_strlcpy(out, (const char *)v, outsz);
			xmlFree(v);
			return;
		}
	}
}

/* Text of the descendants of n: text inside elements named text_el
 * ("t"), tab / br elements as white space; elements named skip_el (the
 * phonetic guide "rPh") left out. */
static int text_of(xmlNode *n, const char *text_el, const char *skip_el, struct yk_buf *out,
		   int depth)
{
	if (depth > KB_XML_DEPTH_MAX)
		return YK_ELIMIT;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)c->name;
		int rc = 0;
		if (skip_el && strcmp(name, skip_el) == 0)
			continue;
		if (strcmp(name, text_el) == 0) {
			for (xmlNode *t = c->children; t && !rc; t = t->next)
				if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) &&
				    t->content)
					rc = yk_buf_adds(out, (const char *)t->content);
		} else if (strcmp(name, "tab") == 0) {
			rc = yk_buf_addc(out, '\t');
		} else if (strcmp(name, "br") == 0 || strcmp(name, "cr") == 0) {
			rc = yk_buf_addc(out, '\n');
		} else {
			rc = text_of(c, text_el, skip_el, out, depth + 1);
		}
		if (rc)
			return YK_ELIMIT;
	}
	return 0;
}

static int too_deep(struct ooxml *o)
{
	return kb__problem(o->rep, YK_ELIMIT, 0, "XML の入れ子が深すぎるか文章が長すぎます（上限 %d 段）",
			   KB_XML_DEPTH_MAX);
}

/* ---- relationships ---------------------------------------------------------- */

struct rel {
	char id[64];
	char target[PART_NAME_MAX];
};

struct rels {
	struct rel *v;
	size_t n;
};

/* Resolves target against the folder of the part that owns the rels
 * ("xl/" for xl/workbook.xml); absolute targets start at the root. */
static void resolve(const char *dir, const char *target, char *out, size_t outsz)
{
	char tmp[PART_NAME_MAX * 2];
	if (target[0] == '/')
		yk_strlcpy(tmp, target + 1, sizeof(tmp));
	else
		snprintf(tmp, sizeof(tmp), "%s%s", dir, target);
	/* Fold "." and "a/.." segments. */
	const char *segs[64];
	size_t lens[64], n = 0;
	for (const char *s = tmp; *s;) {
		const char *e = strchr(s, '/');
		size_t l = e ? (size_t)(e - s) : strlen(s);
		if (l == 2 && s[0] == '.' && s[1] == '.') {
			if (n)
				n--;
		} else if (l && !(l == 1 && s[0] == '.') && n < YK_ARRAY_LEN(segs)) {
			segs[n] = s;
			lens[n++] = l;
		}
		s += l + (e ? 1 : 0);
	}
	struct yk_buf b;
	yk_buf_init(&b, outsz - 1);
	for (size_t i = 0; i < n; i++)
		if ((i && yk_buf_addc(&b, '/')) || yk_buf_add(&b, segs[i], lens[i]))
			break; /* too long: the part will not be found */
	yk_strlcpy(out, b.data ? b.data : "", outsz);
	yk_buf_release(&b);
}

static int read_rels(struct ooxml *o, const char *rels_part, const char *dir, struct rels *out)
{
	struct yk_buf b;
	yk_buf_init(&b, 0);
	xmlDoc *doc = NULL;
	int rc = zip_read_part(o, rels_part, &b);
	if (rc == YK_ENOTFOUND)
		rc = kb__problem(o->rep, YK_EPARSE, 0, "%s がありません（壊れたファイルです）",
				 rels_part);
	if (rc || (rc = xml_parse(o, rels_part, &b, &doc)))
		goto out;
	for (xmlNode *r = xmlDocGetRootElement(doc)->children; r; r = r->next) {
		if (!is_el(r, "Relationship"))
			continue;
		if (out->n >= KB_ZIP_ENTRIES_MAX) {
			rc = kb__problem(o->rep, YK_ELIMIT, 0, "関連付けが多すぎます");
			goto out;
		}
		out->v = yk_xrealloc(out->v, (out->n + 1) * sizeof(*out->v));
		struct rel *rel = &out->v[out->n++];
		char target[PART_NAME_MAX];
		attr(r, "Id", rel->id, sizeof(rel->id));
		attr(r, "Target", target, sizeof(target));
		resolve(dir, target, rel->target, sizeof(rel->target));
	}
out:
	if (doc)
		xmlFreeDoc(doc);
	yk_buf_release(&b);
	return rc;
}

static const char *rels_find(const struct rels *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].id, id) == 0)
			return r->v[i].target;
	return NULL;
}

/* Reads and parses a required part. */
static int load(struct ooxml *o, const char *name, struct yk_buf *b, xmlDoc **doc)
{
	int rc = zip_read_part(o, name, b);
	if (rc == YK_ENOTFOUND)
		return kb__problem(o->rep, YK_EPARSE, 0, "%s がありません（%s）", name,
				   "形式が違うか壊れたファイルです");
	if (rc)
		return rc;
	return xml_parse(o, name, b, doc);
}

/* Title from docProps/core.xml (dc:title), if any. */
static int core_title(struct ooxml *o, struct yk_buf *b)
{
	xmlDoc *doc = NULL;
	int rc = zip_read_part(o, "docProps/core.xml", b);
	if (rc == YK_ENOTFOUND)
		return 0;
	if (rc || (rc = xml_parse(o, "docProps/core.xml", b, &doc)))
		return rc;
	xmlNode *t = child(xmlDocGetRootElement(doc), "title");
	if (t) {
		xmlChar *v = xmlNodeGetContent(t);
		if (v && v[0])
			rc = kb__doc_title(o->d, (const char *)v, strlen((const char *)v));
		xmlFree(v);
	}
	xmlFreeDoc(doc);
	return rc;
}

/* ---- DOCX ------------------------------------------------------------------ */

struct style_level {
	char id[64];
	int level; /* 1..9 heading, 0 title */
};

struct docx {
	struct ooxml *o;
	struct style_level styles[STYLES_MAX];
	size_t nstyles;
	struct yk_buf text;
	struct kb__text tx; /* paragraphs go through the text reader (第N条) */
	int title_from_style;
	int page_mode;      /* which page markers count: PAGES_* */
	int64_t page;       /* page of the next paragraph, 0 = not paged */
};

/* Word stores no page numbers. It does store where pages broke when it
 * last laid the document out (w:lastRenderedPageBreak), and forced breaks
 * (w:br w:type="page"). A document with the former is counted by those
 * alone (a forced break is rendered as one too), else by forced breaks;
 * a document with neither has no page numbers. */
enum { PAGES_NONE, PAGES_RENDERED, PAGES_FORCED };

static int is_forced_break(xmlNode *n)
{
	if (!is_el(n, "br"))
		return 0;
	char type[16];
	attr(n, "type", type, sizeof(type));
	return strcmp(type, "page") == 0;
}

static int page_mode(xmlNode *n, int depth)
{
	int mode = PAGES_NONE;
	for (xmlNode *c = n->children; c && depth < KB_XML_DEPTH_MAX; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, "lastRenderedPageBreak"))
			return PAGES_RENDERED;
		int m = is_forced_break(c) ? PAGES_FORCED : page_mode(c, depth + 1);
		if (m == PAGES_RENDERED)
			return m;
		if (m == PAGES_FORCED)
			mode = m;
	}
	return mode;
}

/* Counts the page breaks of one paragraph before its first text and
 * after it. */
static void page_breaks(xmlNode *n, int mode, int *seen_text, int *before, int *after,
			int depth)
{
	for (xmlNode *c = n->children; c && depth < KB_XML_DEPTH_MAX; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, "t")) {
			if (c->children && c->children->content && c->children->content[0])
				*seen_text = 1;
			continue;
		}
		int brk = mode == PAGES_RENDERED ? is_el(c, "lastRenderedPageBreak")
						 : is_forced_break(c);
		if (brk)
			(*seen_text ? after : before)[0]++;
		else
			page_breaks(c, mode, seen_text, before, after, depth + 1);
	}
}

/* Moves to page, ending the pending text there. */
static int docx_place(struct docx *x, int64_t page)
{
	char loc[32];
	int rc = kb__text_flush(&x->tx);
	if (rc)
		return rc;
	snprintf(loc, sizeof(loc), "p.%lld", (long long)page);
	x->page = page;
	return kb__doc_place(x->o->d, page, loc);
}

/* "heading 2" -> 2, "Title" -> 0, anything else -1. */
static int style_name_level(const char *name)
{
	if (strncasecmp(name, "heading ", 8) == 0 && name[8] >= '1' && name[8] <= '9' && !name[9])
		return name[8] - '0';
	if (strcasecmp(name, "title") == 0)
		return 0;
	return -1;
}

static int outline_level(xmlNode *ppr)
{
	xmlNode *ol = child(ppr, "outlineLvl");
	if (!ol)
		return -1;
	char v[8];
	attr(ol, "val", v, sizeof(v));
	if (v[0] >= '0' && v[0] <= '8' && !v[1])
		return v[0] - '0' + 1;
	return -1;
}

static int docx_styles(struct docx *x, struct yk_buf *b)
{
	xmlDoc *doc = NULL;
	int rc = zip_read_part(x->o, "word/styles.xml", b);
	if (rc == YK_ENOTFOUND)
		return 0;
	if (rc || (rc = xml_parse(x->o, "word/styles.xml", b, &doc)))
		return rc;
	for (xmlNode *s = xmlDocGetRootElement(doc)->children; s; s = s->next) {
		if (!is_el(s, "style") || x->nstyles >= STYLES_MAX)
			continue;
		char type[32], name[128];
		attr(s, "type", type, sizeof(type));
		if (strcmp(type, "paragraph") != 0)
			continue;
		xmlNode *nm = child(s, "name");
		name[0] = '\0';
		if (nm)
			attr(nm, "val", name, sizeof(name));
		int level = style_name_level(name);
		if (level < 0)
			level = outline_level(child(s, "pPr"));
		if (level < 0)
			continue;
		struct style_level *sl = &x->styles[x->nstyles++];
		attr(s, "styleId", sl->id, sizeof(sl->id));
		sl->level = level;
	}
	xmlFreeDoc(doc);
	return 0;
}

static int docx_para_text(struct docx *x, xmlNode *p, int level);

static int docx_para(struct docx *x, xmlNode *p)
{
	xmlNode *ppr = child(p, "pPr");
	int level = -1;
	xmlNode *ps = child(ppr, "pStyle");
	if (ps) {
		char id[64];
		attr(ps, "val", id, sizeof(id));
		for (size_t i = 0; i < x->nstyles; i++)
			if (strcmp(x->styles[i].id, id) == 0)
				level = x->styles[i].level;
	}
	if (level < 0)
		level = outline_level(ppr);
	int rc, seen_text = 0, before = 0, after = 0;
	if (x->page_mode != PAGES_NONE) {
		page_breaks(p, x->page_mode, &seen_text, &before, &after, 0);
		if (before && (rc = docx_place(x, x->page + before)))
			return rc;
	}
	rc = docx_para_text(x, p, level);
	/* A paragraph running onto the next page is cited by where it starts;
	 * what follows it is on the later page. */
	if (!rc && after)
		rc = docx_place(x, x->page + after);
	return rc;
}

static int docx_para_text(struct docx *x, xmlNode *p, int level)
{
	yk_buf_reset(&x->text);
	if (text_of(p, "t", NULL, &x->text, 0))
		return too_deep(x->o);
	const char *t = x->text.data ? x->text.data : "";
	if (level == 0 && !x->title_from_style) {
		x->title_from_style = 1;
		return kb__doc_title(x->o->d, t, x->text.len);
	}
	int rc;
	if (level > 0 && x->text.len)
		return (rc = kb__text_flush(&x->tx)) ? rc
						     : kb__doc_heading(x->o->d, level, t, x->text.len);
	return (rc = kb__text_lines(&x->tx, t, x->text.len)) ? rc : kb__text_break(&x->tx);
}

/* Every w:p in document order (tables and text boxes included). */
static int docx_walk(struct docx *x, xmlNode *n, int depth)
{
	if (depth > KB_XML_DEPTH_MAX)
		return too_deep(x->o);
	int rc = 0;
	for (xmlNode *c = n->children; c && !rc; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, "p"))
			rc = docx_para(x, c);
		else
			rc = docx_walk(x, c, depth + 1);
	}
	return rc;
}

static int parse_docx(struct ooxml *o)
{
	struct docx *x = yk_xcalloc(1, sizeof(*x));
	x->o = o;
	yk_buf_init(&x->text, KB_FILE_MAX);
	kb__text_init(&x->tx, o->d, 0);
	struct yk_buf b;
	yk_buf_init(&b, 0);
	xmlDoc *doc = NULL;
	int rc;
	if ((rc = load(o, "word/document.xml", &b, &doc)) || (rc = docx_styles(x, &b)) ||
	    (rc = core_title(o, &b)))
		goto out;
	xmlNode *body = child(xmlDocGetRootElement(doc), "body");
	if (!body)
		goto out;
	x->page_mode = page_mode(body, 0);
	if (x->page_mode != PAGES_NONE && (rc = docx_place(x, 1)))
		goto out;
	if (!(rc = docx_walk(x, body, 0)))
		rc = kb__text_flush(&x->tx);
out:
	if (doc)
		xmlFreeDoc(doc);
	yk_buf_release(&b);
	yk_buf_release(&x->text);
	kb__text_release(&x->tx);
	free(x);
	return rc;
}

/* ---- XLSX ------------------------------------------------------------------ */

#define XLSX_STYLES_MAX 65536 /* cell formats read from styles.xml */

struct xlsx {
	struct ooxml *o;
	struct yk_buf strs;   /* shared strings, NUL-terminated */
	size_t *str_off;
	size_t nstrs;
	struct yk_buf row, cell;
	unsigned char *is_date; /* per cell format (xf index): shows a date */
	size_t nxf;
	int date1904;
};

/* ---- XLSX dates: a number shown with a date format ----------------------- */

/* Built-in number formats that show dates (ECMA-376 18.8.30, with the
 * Japanese ones 27-36 and 50-58). */
static int builtin_date_format(int64_t id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

/* A custom format code shows a date when, outside quoted text and [...]
 * sections, it has a year, day or era code. */
static int custom_date_format(const char *code)
{
	int quoted = 0, bracket = 0;
	for (const char *p = code; *p; p++) {
		char c = *p;
		if (c == '"')
			quoted = !quoted;
		else if (!quoted && c == '[')
			bracket = 1;
		else if (!quoted && c == ']')
			bracket = 0;
		else if (!quoted && !bracket && c == '\\' && p[1])
			p++;
		else if (!quoted && !bracket && strchr("yYdDeEgG", c))
			return 1;
	}
	return 0;
}

static int xlsx_styles(struct xlsx *x, struct yk_buf *b)
{
	xmlDoc *doc = NULL;
	int rc = zip_read_part(x->o, "xl/styles.xml", b);
	if (rc == YK_ENOTFOUND)
		return 0;
	if (rc || (rc = xml_parse(x->o, "xl/styles.xml", b, &doc)))
		return rc;
	xmlNode *root = xmlDocGetRootElement(doc);
	/* Custom formats that show dates, by id (ids of custom formats are
	 * small numbers from 164 up). */
	unsigned char custom[1024] = {0};
	xmlNode *fmts = child(root, "numFmts");
	for (xmlNode *f = fmts ? fmts->children : NULL; f; f = f->next) {
		if (!is_el(f, "numFmt"))
			continue;
		char id[16], code[256];
		int64_t n;
		attr(f, "numFmtId", id, sizeof(id));
		attr(f, "formatCode", code, sizeof(code));
		if (yk_parse_i64(id, strlen(id), 0, (int64_t)sizeof(custom) - 1, &n) == 0)
			custom[n] = (unsigned char)custom_date_format(code);
	}
	xmlNode *xfs = child(root, "cellXfs");
	for (xmlNode *f = xfs ? xfs->children : NULL; f; f = f->next) {
		if (!is_el(f, "xf"))
			continue;
		if (x->nxf >= XLSX_STYLES_MAX)
			break;
		char id[16];
		int64_t n = 0;
		attr(f, "numFmtId", id, sizeof(id));
		if (yk_parse_i64(id, strlen(id), 0, INT32_MAX, &n) != 0)
			n = 0;
		x->is_date = yk_xrealloc(x->is_date, x->nxf + 1);
		x->is_date[x->nxf++] = (unsigned char)(builtin_date_format(n) ||
						      (n < (int64_t)sizeof(custom) && custom[n]));
	}
	xmlFreeDoc(doc);
	return 0;
}

/* Serial day number (with time as the fraction) to "2026年4月1日" or
 * "2026年4月1日 9:30". Excel's 1900 system counts a 29 February 1900 that
 * never was (serial 60); the 1904 system starts four years later. */
static int xlsx_date(struct xlsx *x, const char *v, struct yk_buf *out)
{
	char *end = NULL;
	double serial = strtod(v, &end);
	if (!end || *end || serial < 1 || serial > 2958465) /* 9999-12-31 */
		return yk_buf_adds(out, v);
	if (x->date1904)
		serial += 1462;
	int64_t days = (int64_t)serial;
	int64_t minutes = (int64_t)((serial - (double)days) * 1440.0 + 0.5);
	if (minutes >= 1440) {
		days++;
		minutes -= 1440;
	}
	if (!x->date1904 && days == 60)
		return yk_buf_adds(out, "1900年2月29日");
	if (!x->date1904 && days < 60)
		days++; /* before the phantom leap day */
	time_t t = (time_t)((days - 25569) * 86400); /* 25569: 1899-12-30 to 1970-01-01 */
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		return yk_buf_adds(out, v);
	int rc = yk_buf_addf(out, "%d年%d月%d日", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	if (!rc && minutes)
		rc = yk_buf_addf(out, " %d:%02d", (int)(minutes / 60), (int)(minutes % 60));
	return rc;
}

static int xlsx_shared_strings(struct xlsx *x, const char *part)
{
	struct yk_buf b;
	yk_buf_init(&b, 0);
	xmlDoc *doc = NULL;
	int rc = zip_read_part(x->o, part, &b);
	if (rc == YK_ENOTFOUND) {
		rc = 0;
		goto out;
	}
	if (rc || (rc = xml_parse(x->o, part, &b, &doc)))
		goto out;
	size_t cap = 0;
	for (xmlNode *si = xmlDocGetRootElement(doc)->children; si; si = si->next) {
		if (!is_el(si, "si"))
			continue;
		if (x->nstrs >= KB_SHEET_CELLS_MAX) {
			rc = kb__problem(x->o->rep, YK_ELIMIT, 0, "文字列が多すぎます（上限 %d）",
					 KB_SHEET_CELLS_MAX);
			goto out;
		}
		if (x->nstrs == cap) {
			cap = cap ? cap * 2 : 256;
			x->str_off = yk_xrealloc(x->str_off, cap * sizeof(*x->str_off));
		}
		x->str_off[x->nstrs++] = x->strs.len;
		if (text_of(si, "t", "rPh", &x->strs, 0) || yk_buf_addc(&x->strs, '\0')) {
			rc = too_deep(x->o);
			goto out;
		}
	}
out:
	if (doc)
		xmlFreeDoc(doc);
	yk_buf_release(&b);
	return rc;
}

static int xlsx_cell(struct xlsx *x, xmlNode *c)
{
	char type[16];
	attr(c, "t", type, sizeof(type));
	yk_buf_reset(&x->cell);
	if (strcmp(type, "inlineStr") == 0) {
		xmlNode *is = child(c, "is");
		if (is && text_of(is, "t", "rPh", &x->cell, 0))
			return too_deep(x->o);
		return 0;
	}
	xmlNode *v = child(c, "v");
	if (!v)
		return 0;
	xmlChar *val = xmlNodeGetContent(v);
	const char *s = val ? (const char *)val : "";
	int rc = 0;
	if (strcmp(type, "s") == 0) {
		int64_t i;
		if (yk_parse_i64(s, strlen(s), 0, INT64_MAX, &i) == 0 && (size_t)i < x->nstrs)
			rc = yk_buf_adds(&x->cell, x->strs.data + x->str_off[i]);
	} else if (strcmp(type, "b") == 0) {
		rc = yk_buf_adds(&x->cell, strcmp(s, "1") == 0 ? "TRUE" : "FALSE");
	} else if (type[0] == '\0' || strcmp(type, "n") == 0) {
		char st[16];
		int64_t xf = -1;
		attr(c, "s", st, sizeof(st));
		if (st[0] && yk_parse_i64(st, strlen(st), 0, INT32_MAX, &xf) != 0)
			xf = -1;
		if (xf >= 0 && (size_t)xf < x->nxf && x->is_date[xf])
			rc = xlsx_date(x, s, &x->cell);
		else
			rc = yk_buf_adds(&x->cell, s);
	} else {
		rc = yk_buf_adds(&x->cell, s);
	}
	xmlFree(val);
	return rc ? too_deep(x->o) : 0;
}

static int xlsx_sheet(struct xlsx *x, const char *part)
{
	struct yk_buf b;
	yk_buf_init(&b, 0);
	xmlDoc *doc = NULL;
	int rc = load(x->o, part, &b, &doc);
	if (rc)
		goto out;
	xmlNode *data = child(xmlDocGetRootElement(doc), "sheetData");
	for (xmlNode *r = data ? data->children : NULL; r && !rc; r = r->next) {
		if (!is_el(r, "row"))
			continue;
		yk_buf_reset(&x->row);
		for (xmlNode *c = r->children; c && !rc; c = c->next) {
			if (!is_el(c, "c"))
				continue;
			if (++x->o->cells > KB_SHEET_CELLS_MAX) {
				rc = kb__problem(x->o->rep, YK_ELIMIT, 0, "セルが多すぎます（上限 %d）",
						 KB_SHEET_CELLS_MAX);
				break;
			}
			if ((rc = xlsx_cell(x, c)) || !x->cell.len)
				continue;
			if ((x->row.len && yk_buf_adds(&x->row, " | ")) ||
			    yk_buf_add(&x->row, x->cell.data, x->cell.len))
				rc = too_deep(x->o);
		}
		if (!rc && x->row.len)
			rc = kb__doc_para(x->o->d, x->row.data, x->row.len);
	}
out:
	if (doc)
		xmlFreeDoc(doc);
	yk_buf_release(&b);
	return rc;
}

static int parse_xlsx(struct ooxml *o)
{
	struct xlsx x = {.o = o};
	yk_buf_init(&x.strs, KB_ZIP_ENTRY_MAX);
	yk_buf_init(&x.row, KB_FILE_MAX);
	yk_buf_init(&x.cell, KB_FILE_MAX);
	struct yk_buf b;
	yk_buf_init(&b, 0);
	struct rels rels = {0};
	xmlDoc *doc = NULL;
	int rc;
	if ((rc = load(o, "xl/workbook.xml", &b, &doc)) ||
	    (rc = read_rels(o, "xl/_rels/workbook.xml.rels", "xl/", &rels)) ||
	    (rc = xlsx_shared_strings(&x, "xl/sharedStrings.xml")) || (rc = xlsx_styles(&x, &b)) ||
	    (rc = core_title(o, &b)))
		goto out;
	xmlNode *pr = child(xmlDocGetRootElement(doc), "workbookPr");
	if (pr) {
		char v[8];
		attr(pr, "date1904", v, sizeof(v));
		x.date1904 = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
	}
	xmlNode *sheets = child(xmlDocGetRootElement(doc), "sheets");
	size_t n = 0;
	for (xmlNode *s = sheets ? sheets->children : NULL; s && !rc; s = s->next) {
		if (!is_el(s, "sheet"))
			continue;
		if (++n > SHEETS_MAX) {
			rc = kb__problem(o->rep, YK_ELIMIT, 0, "シートが多すぎます（上限 %d）", SHEETS_MAX);
			break;
		}
		char name[KB_HEADING_MAX], id[64], loc[KB_HEADING_MAX + 32];
		attr(s, "name", name, sizeof(name));
		rel_id(s, id, sizeof(id));
		const char *part = rels_find(&rels, id);
		if (!part) {
			rc = kb__problem(o->rep, YK_EPARSE, 0, "シート「%s」の中身が見つかりません", name);
			break;
		}
		snprintf(loc, sizeof(loc), "シート「%s」", name);
		if (!(rc = kb__doc_place(o->d, 0, loc)))
			rc = xlsx_sheet(&x, part);
	}
out:
	if (doc)
		xmlFreeDoc(doc);
	free(rels.v);
	free(x.str_off);
	free(x.is_date);
	yk_buf_release(&x.strs);
	yk_buf_release(&x.row);
	yk_buf_release(&x.cell);
	yk_buf_release(&b);
	return rc;
}

/* ---- PPTX ------------------------------------------------------------------ */

static int is_title_shape(xmlNode *sp)
{
	xmlNode *nv = child(sp, "nvSpPr");
	xmlNode *ph = child(child(nv, "nvPr"), "ph");
	if (!ph)
		return 0;
	char type[32];
	attr(ph, "type", type, sizeof(type));
	return strcmp(type, "title") == 0 || strcmp(type, "ctrTitle") == 0;
}

/* A table row (a:tr) is one paragraph, its cells joined with " | ". */
static int table_row(struct ooxml *o, xmlNode *tr, struct yk_buf *t, int depth)
{
	struct yk_buf cell;
	yk_buf_init(&cell, KB_FILE_MAX);
	yk_buf_reset(t);
	int rc = 0;
	for (xmlNode *c = tr->children; c && !rc; c = c->next) {
		if (!is_el(c, "tc"))
			continue;
		yk_buf_reset(&cell);
		if (text_of(c, "t", NULL, &cell, depth) ||
		    (cell.len && ((t->len && yk_buf_adds(t, " | ")) ||
				  yk_buf_add(t, cell.data, cell.len))))
			rc = too_deep(o);
	}
	yk_buf_release(&cell);
	if (!rc && t->len)
		rc = kb__doc_para(o->d, t->data, t->len);
	return rc;
}

/* Every a:p of the slide in order; the paragraphs of a title shape become
 * one heading, a table row one paragraph. */
static int pptx_walk(struct ooxml *o, xmlNode *n, struct yk_buf *t, int depth)
{
	if (depth > KB_XML_DEPTH_MAX)
		return too_deep(o);
	int rc = 0;
	for (xmlNode *c = n->children; c && !rc; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is_el(c, "sp") && is_title_shape(c)) {
			yk_buf_reset(t);
			if (text_of(c, "t", NULL, t, depth))
				return too_deep(o);
			rc = kb__doc_heading(o->d, 1, t->data ? t->data : "", t->len);
		} else if (is_el(c, "tr")) {
			rc = table_row(o, c, t, depth + 1);
		} else if (is_el(c, "p")) {
			yk_buf_reset(t);
			if (text_of(c, "t", NULL, t, depth))
				return too_deep(o);
			rc = kb__doc_para(o->d, t->data ? t->data : "", t->len);
		} else {
			rc = pptx_walk(o, c, t, depth + 1);
		}
	}
	return rc;
}

static int parse_pptx(struct ooxml *o)
{
	struct yk_buf b, t;
	yk_buf_init(&b, 0);
	yk_buf_init(&t, KB_FILE_MAX);
	struct rels rels = {0};
	xmlDoc *doc = NULL;
	int rc;
	if ((rc = load(o, "ppt/presentation.xml", &b, &doc)) ||
	    (rc = read_rels(o, "ppt/_rels/presentation.xml.rels", "ppt/", &rels)) ||
	    (rc = core_title(o, &b)))
		goto out;
	xmlNode *list = child(xmlDocGetRootElement(doc), "sldIdLst");
	int64_t n = 0;
	for (xmlNode *s = list ? list->children : NULL; s && !rc; s = s->next) {
		if (!is_el(s, "sldId"))
			continue;
		if (++n > SLIDES_MAX) {
			rc = kb__problem(o->rep, YK_ELIMIT, 0, "スライドが多すぎます（上限 %d）",
					 SLIDES_MAX);
			break;
		}
		char id[64], loc[48];
		rel_id(s, id, sizeof(id));
		const char *part = rels_find(&rels, id);
		if (!part) {
			rc = kb__problem(o->rep, YK_EPARSE, 0, "スライド %lld の中身が見つかりません",
					 (long long)n);
			break;
		}
		snprintf(loc, sizeof(loc), "スライド %lld", (long long)n);
		if ((rc = kb__doc_place(o->d, n, loc)))
			break;
		/* A slide's title belongs to that slide only. */
		if ((rc = kb__doc_heading(o->d, 1, "", 0)))
			break;
		xmlDoc *slide = NULL;
		if ((rc = load(o, part, &b, &slide)))
			break;
		rc = pptx_walk(o, xmlDocGetRootElement(slide), &t, 0);
		xmlFreeDoc(slide);
	}
out:
	if (doc)
		xmlFreeDoc(doc);
	free(rels.v);
	yk_buf_release(&b);
	yk_buf_release(&t);
	return rc;
}

int kb__parse_ooxml(enum kb_format format, const char *bytes, size_t len, struct kb__doc *d)
{
	struct ooxml o = {.d = d, .rep = d->rep};
	kb__xml_quiet();
	int rc = zip_open_mem(&o, bytes, len);
	if (!rc) {
		if (format == KB_FORMAT_DOCX)
			rc = parse_docx(&o);
		else if (format == KB_FORMAT_XLSX)
			rc = parse_xlsx(&o);
		else if (format == KB_FORMAT_PPTX)
			rc = parse_pptx(&o);
		else
			rc = kb__problem(d->rep, YK_EINVAL, 0, "Office 形式ではありません");
	}
	if (o.zip)
		zip_discard(o.zip);
	return rc;
}
