/* libFuzzer target for the Office Open XML reader (src/kb/kb_ooxml.c) and
 * the passage builder behind it. The first byte picks what the rest is:
 *   0, 1, 2: a whole DOCX, XLSX or PPTX file (exercises the zip layer);
 *   3, 4, 5: the main XML part only (word/document.xml, a worksheet, a
 *            slide), which this target packs into a valid zip around the
 *            fixed other parts, so that mutations reach the XML walkers
 *            instead of failing the zip's CRC check.
 * Checks that passages are valid UTF-8, never empty and never longer than
 * KB_PASSAGE_MAX characters, and that every failure comes with a problem
 * that says why. */
#include <stdint.h>
#include <zip.h>

#include "kb/kb.h"

static int check_passage(void *ctx, const struct kb_record *r)
{
	(void)ctx;
	size_t len = strlen(r->body);
	if (r->kind != KB_KIND_PASSAGE || len == 0 || !yk_utf8_valid(r->body, len, NULL) ||
	    yk_utf8_count(r->body, len) > KB_PASSAGE_MAX ||
	    !yk_utf8_valid(r->heading_path, strlen(r->heading_path), NULL) ||
	    !yk_utf8_valid(r->title, strlen(r->title), NULL))
		abort();
	return 0;
}

/* Packs parts (name, bytes; the last one is the fuzzer's) into a stored
 * zip; returns it (malloc) or NULL. */
static char *pack(const char *const *names, const char *const *datas, const size_t *lens,
		  size_t n, size_t *out_len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *buf = zip_source_buffer_create(NULL, 0, 0, &ze);
	char *out = NULL;
	if (!buf)
		goto done;
	zip_source_keep(buf);
	zip_t *z = zip_open_from_source(buf, ZIP_TRUNCATE, &ze);
	if (!z)
		goto done;
	for (size_t i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(z, datas[i], lens[i], 0);
		zip_int64_t idx = s ? zip_file_add(z, names[i], s, ZIP_FL_OVERWRITE) : -1;
		if (idx < 0) {
			zip_source_free(s);
			zip_discard(z);
			goto done;
		}
		zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (zip_close(z) != 0) {
		zip_discard(z);
		goto done;
	}
	zip_stat_t st;
	if (zip_source_stat(buf, &st) != 0 || zip_source_open(buf) != 0)
		goto done;
	out = malloc(st.size ? st.size : 1);
	zip_int64_t got = zip_source_read(buf, out, st.size);
	zip_source_close(buf);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		free(out);
		out = NULL;
	} else {
		*out_len = (size_t)got;
	}
done:
	if (buf)
		zip_source_free(buf);
	zip_error_fini(&ze);
	return out;
}

#define REL_NS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

static char *wrap_part(size_t kind, const char *xml, size_t len, size_t *out_len)
{
	static const char wb[] = "<workbook " REL_NS "><sheets><sheet name=\"s\" r:id=\"a\"/>"
				 "</sheets></workbook>";
	static const char wb_rels[] = "<Relationships><Relationship Id=\"a\" "
				      "Target=\"worksheets/s.xml\"/></Relationships>";
	static const char pres[] = "<presentation " REL_NS "><sldIdLst><sldId r:id=\"a\"/>"
				   "</sldIdLst></presentation>";
	static const char pres_rels[] = "<Relationships><Relationship Id=\"a\" "
					"Target=\"slides/s.xml\"/></Relationships>";
	if (kind == 0) {
		const char *n[] = {"word/document.xml"};
		const char *d[] = {xml};
		size_t l[] = {len};
		return pack(n, d, l, 1, out_len);
	}
	if (kind == 1) {
		const char *n[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
				   "xl/worksheets/s.xml"};
		const char *d[] = {wb, wb_rels, xml};
		size_t l[] = {sizeof(wb) - 1, sizeof(wb_rels) - 1, len};
		return pack(n, d, l, 3, out_len);
	}
	const char *n[] = {"ppt/presentation.xml", "ppt/_rels/presentation.xml.rels",
			   "ppt/slides/s.xml"};
	const char *d[] = {pres, pres_rels, xml};
	size_t l[] = {sizeof(pres) - 1, sizeof(pres_rels) - 1, len};
	return pack(n, d, l, 3, out_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum kb_format formats[] = {KB_FORMAT_DOCX, KB_FORMAT_XLSX, KB_FORMAT_PPTX};
	static const char *const names[] = {"fuzz.docx", "fuzz.xlsx", "fuzz.pptx"};
	if (size < 1)
		return 0;
	size_t i = data[0] % 3, whole = (data[0] % 6) < 3;
	const char *bytes = (const char *)data + 1;
	size_t len = size - 1;
	char *zip = NULL;
	if (!whole) {
		zip = wrap_part(i, bytes, len, &len);
		if (!zip)
			return 0;
		bytes = zip;
	}
	static struct kb_report rep;
	kb_report_init(&rep, names[i]);
	int rc = kb_parse_format(formats[i], bytes, len, check_passage, NULL, &rep);
	if (rc != 0 && rep.problems.count == 0)
		abort();
	free(zip);
	return 0;
}
