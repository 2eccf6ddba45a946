/* cli/routes: `yakuba routes [--json|--markdown]` prints the API route
 * table from src/api/routes.def: the integration tests walk the JSON form
 * and docs/API.md embeds the Markdown form. */
#include <jansson.h>

#include "api/api.h"
#include "auth/auth.h"
#include "cli.h"
#include "core/banned.h"

static void roles_text(unsigned roles, char *out, size_t outsz)
{
	out[0] = '\0';
	size_t n = 0;
	for (unsigned bit = 1; bit <= AUTH_ROLE_LAST; bit <<= 1)
		if (roles & bit)
			n += (size_t)snprintf(out + n, n < outsz ? outsz - n : 0, "%s%s", n ? ", " : "",
					      auth_role_name(bit));
}

int cmd_routes(int argc, char **argv)
{
	static const struct cli_cmd cmd = {"routes", "yakuba routes [--json | --markdown]",
					   "API のルート表（メソッド、パス、許可する権限）を表示します", 0, 0};
	int as_json = 0, as_md = 0;
	const struct cli_opt opts[] = {
		{"json", NULL, "JSON で出力します", NULL, &as_json, NULL, NULL},
		{"markdown", NULL, "Markdown の表で出力します", NULL, &as_md, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	const char *db_flag = NULL, *pos[CLI_MAX_POSITIONAL];
	int npos;
	int rc = cli_parse(&cmd, opts, argc, argv, &db_flag, pos, &npos);
	if (rc)
		return rc < 0 ? 0 : rc;
	size_t n;
	const struct api_route_info *r = api_routes(&n);
	if (as_json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < n; i++) {
			json_t *roles = json_array();
			for (unsigned bit = 1; bit <= AUTH_ROLE_LAST; bit <<= 1)
				if (r[i].roles & bit)
					json_array_append_new(roles, json_string(auth_role_name(bit)));
			json_array_append_new(
				arr, json_pack("{s:s, s:s, s:o, s:b, s:b, s:b, s:I, s:s}", "method",
					       r[i].method, "path", r[i].path, "roles", roles, "public",
					       r[i].is_public, "csrf",
					       !r[i].is_public && !(r[i].flags & ROUTE_F_NO_CSRF),
					       "raw_body", (r[i].flags & ROUTE_F_RAW_BODY) != 0,
					       "body_limit", (json_int_t)r[i].body_limit, "summary",
					       r[i].summary));
		}
		char *text = json_dumps(arr, JSON_INDENT(1));
		json_decref(arr);
		printf("%s\n", text ? text : "[]");
		free(text);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		char roles[128];
		roles_text(r[i].roles, roles, sizeof(roles));
		if (as_md)
			printf("| %s | `%s` | %s | %s |\n", r[i].method, r[i].path,
			       r[i].is_public ? "public" : roles, r[i].summary);
		else
			printf("%-7s %-36s %-36s %s\n", r[i].method, r[i].path,
			       r[i].is_public ? "public" : roles, r[i].summary);
	}
	return 0;
}
