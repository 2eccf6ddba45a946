/* Fuzz target: prompt-template rendering and the citation check of the
 * workspace (src/ws), both pure over (bytes, len). Rendering succeeds
 * exactly when the definition check does (all variables given), the output
 * is valid UTF-8 without any placeholder of the body left, and citations
 * stay within the sources. */
#include <string.h>

#include "ws/ws.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static json_t *vars, *values;
	if (!vars) {
		/* An ASCII and a Japanese name (issue 15: {{項目名}}). */
		vars = json_loads("[{\"name\":\"a\",\"label\":\"A\",\"required\":true},"
				  "{\"name\":\"b_2\",\"label\":\"B\"},"
				  "{\"name\":\"項目名\",\"label\":\"項目\"}]",
				  0, NULL);
		values = json_loads("{\"a\":\"値\",\"b_2\":\"\",\"項目名\":\"x\"}", 0, NULL);
	}
	const char *body = (const char *)data;
	struct yk_buf out;
	yk_buf_init(&out, 1u << 20);
	int checked = ws_template_check(body, size, vars, NULL);
	int rendered = ws_template_render(body, size, vars, values, &out, NULL);
	if ((checked == 0) != (rendered == 0) && rendered != YK_ELIMIT)
		__builtin_trap();
	if (rendered == 0 && out.len && !yk_utf8_valid(out.data, out.len, NULL))
		__builtin_trap();
	yk_buf_release(&out);

	struct ws_citations c;
	ws_citations_check(body, size, 5, &c);
	if (c.n > WS_CITATIONS_MAX || (c.verified && (c.n == 0 || c.invalid)))
		__builtin_trap();
	for (size_t i = 0; i < c.n; i++)
		if (c.cited[i] < 1 || c.cited[i] > 5)
			__builtin_trap();
	return 0;
}
