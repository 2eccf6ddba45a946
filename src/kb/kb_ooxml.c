/* kb/ooxml: placeholder until the Office reader lands. */
#include "kb/kb_int.h"
int kb__parse_ooxml(enum kb_format format, const char *bytes, size_t len, struct kb__doc *d)
{
	(void)format; (void)bytes; (void)len;
	return kb__problem(d->rep, YK_EINVAL, 0, "未対応");
}
int kb__parse_html(const char *bytes, size_t len, struct kb__doc *d)
{
	(void)bytes; (void)len;
	return kb__problem(d->rep, YK_EINVAL, 0, "未対応");
}
int kb_pdf_to_text(const char *bytes, size_t len, char **text, size_t *text_len,
		   struct kb_report *rep)
{
	(void)bytes; (void)len; *text = NULL; *text_len = 0;
	return kb__problem(rep, YK_EINVAL, 0, "未対応");
}
