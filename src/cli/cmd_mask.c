/* cli/mask: `yakuba mask [--json | --jsonl]`, the personal-information
 * guard as a filter. Reads stdin line by line and prints each line masked
 * with placeholders (one mapping for the whole input, so a value keeps its
 * placeholder from line to line), or with --json one object per line:
 *   {"text": "<masked>", "spans": [{"start": S, "end": E, "type": "TYPE"}]}
 * where S and E are code-point offsets into the input line.
 *
 * --jsonl reads JSON lines {"text": "..."} whose texts may hold newlines (a
 * pasted table, a memo, an e-mail) and scans each text whole, as the server
 * does, so a CSV header gives context to the rows under it. Each object is
 * written back with its other members, plus "masked" (placeholders
 * numbered for that text alone) and "spans" (code-point offsets into the
 * whole text). */
#include <stdio.h>

#include <jansson.h>

#include "cli.h"
#include "pii/pii.h"
#include "text/text.h"
#include "core/banned.h"

#define MASK_LINE_MAX PII_INPUT_MAX
#define MASK_ALLOW_FILE_MAX (1024 * 1024)

static int read_file(const char *path, struct yk_buf *out, struct yk_errinfo *ei)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return yk_errinfo_set(ei, YK_EIO, "%s を開けません", path);
	char chunk[4096];
	size_t n;
	int rc = 0;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if ((rc = yk_buf_add(out, chunk, n)) != 0) {
			yk_errinfo_set(ei, rc, "%s が大きすぎます", path);
			break;
		}
	if (!rc && ferror(f))
		rc = yk_errinfo_set(ei, YK_EIO, "%s を読み込めません", path);
	fclose(f);
	return rc;
}

static json_t *spans_json(const struct pii_span *spans, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *s = json_object();
		json_object_set_new(s, "start", json_integer((json_int_t)spans[i].start));
		json_object_set_new(s, "end", json_integer((json_int_t)spans[i].end));
		json_object_set_new(s, "type", json_string(pii_type_name(spans[i].type)));
		json_array_append_new(arr, s);
	}
	return arr;
}

/* An error of pii_scan() (masking 0) or pii_mask_spans() (masking 1) on
 * line lineno, naming the limit that was reached: the bytes of one text
 * (PII_INPUT_MAX) or the distinct values of one mapping (PII_MAPPING_MAX;
 * scope says whose: a text of --jsonl or the whole input). */
static int mask_error(struct yk_errinfo *ei, int rc, size_t lineno, int masking,
		      const struct pii_mapping *map, const char *scope)
{
	if (rc == YK_ELIMIT && !masking)
		return yk_errinfo_set(ei, rc, "%zu 行目: 文章が大きすぎます（%u MB まで）", lineno,
				      PII_INPUT_MAX / (1024u * 1024u));
	if (rc == YK_ELIMIT && pii_mapping_full(map))
		return yk_errinfo_set(ei, rc, "%zu 行目: 個人情報の値が多すぎます（%sで %d 種類まで）",
				      lineno, scope, PII_MAPPING_MAX);
	return yk_errinfo_set(ei, rc, "%zu 行目: %s", lineno, yk_err_message(rc));
}

static int print_object(json_t *o)
{
	char *txt = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!txt)
		return YK_ENOMEM;
	puts(txt);
	free(txt);
	return 0;
}

/* One --jsonl line: {"text": ...} in, the object with "masked" and
 * "spans" out. Errors: YK_EPARSE (not a JSON object with a string
 * "text"), as pii_scan(). */
static int mask_jsonl(struct pii_scanner *sc, const char *line, size_t len, size_t lineno,
		      struct yk_errinfo *ei)
{
	json_error_t jerr;
	json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	json_t *text = o ? json_object_get(o, "text") : NULL;
	struct pii_mapping *map = NULL;
	struct yk_buf out;
	yk_buf_init(&out, 0);
	int rc = 0;
	if (!json_is_object(o) || !json_is_string(text)) {
		rc = yk_errinfo_set(ei, YK_EPARSE,
				    "%zu 行目: {\"text\": \"...\"} の形の JSON ではありません%s%s", lineno,
				    o ? "" : ": ", o ? "" : jerr.text);
		goto out;
	}
	const char *s = json_string_value(text);
	size_t slen = json_string_length(text);
	const struct pii_span *spans;
	size_t n;
	map = pii_mapping_new();
	if ((rc = pii_scan(sc, s, slen, &spans, &n)) != 0) {
		mask_error(ei, rc, lineno, 0, map, "");
		goto out;
	}
	if ((rc = pii_mask_spans(map, s, slen, spans, n, &out)) != 0) {
		mask_error(ei, rc, lineno, 1, map, "1 つの文章");
		goto out;
	}
	json_object_set_new(o, "masked", json_stringn(out.data ? out.data : "", out.len));
	json_object_set_new(o, "spans", spans_json(spans, n));
	rc = print_object(o);
out:
	pii_mapping_free(map);
	yk_buf_release(&out);
	json_decref(o);
	return rc;
}

/* One masked line as JSON: {"text": ..., "spans": [...]}. */
static int print_json(const char *masked, size_t masked_len, const struct pii_span *spans,
		      size_t n)
{
	json_t *o = json_object(), *arr = json_array();
	json_object_set_new(o, "text", json_stringn(masked, masked_len));
	for (size_t i = 0; i < n; i++) {
		json_t *s = json_object();
		json_object_set_new(s, "start", json_integer((json_int_t)spans[i].start));
		json_object_set_new(s, "end", json_integer((json_int_t)spans[i].end));
		json_object_set_new(s, "type", json_string(pii_type_name(spans[i].type)));
		json_array_append_new(arr, s);
	}
	json_object_set_new(o, "spans", arr);
	char *txt = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!txt)
		return YK_ENOMEM;
	puts(txt);
	free(txt);
	return 0;
}

int cmd_mask(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"mask", "yakuba mask [--json | --jsonl] [--allow FILE] [--dicdir DIR] < 入力",
		"標準入力の各行から個人情報を検出し、〔氏名1〕などの記号に置き換えて出力します", 0, 0};
	const char *db_flag = NULL, *pos[CLI_MAX_POSITIONAL], *allow_path = NULL, *dicdir = NULL;
	int npos, json = 0, jsonl = 0;
	const struct cli_opt opts[] = {
		{"json", NULL, "1 行ごとに JSON（text と spans）で出力します", NULL, &json, NULL, NULL},
		{"jsonl", NULL,
		 "JSON Lines（1 行に {\"text\": \"...\"}、改行を含む文章も可）を読み、文章ごとに masked と spans（文章全体の文字位置）を加えて出力します",
		 NULL, &jsonl, NULL, NULL},
		{"allow", "FILE", "検出しない値（市の代表電話・所在地など）の一覧ファイル", &allow_path,
		 NULL, NULL, NULL},
		{"dicdir", "DIR",
		 "UniDic 辞書のディレクトリ（既定: " TEXT_DICDIR_ENV "、MeCab の設定、Debian の既定の場所の順に探します）",
		 &dicdir, NULL, NULL, NULL},
		{NULL, NULL, NULL, NULL, NULL, NULL, NULL},
	};
	int rc = cli_parse(&cmd, opts, argc, argv, &db_flag, pos, &npos);
	if (rc)
		return rc < 0 ? 0 : rc;
	if (json && jsonl) {
		fprintf(stderr, "yakuba mask: --json と --jsonl は同時に指定できません\n");
		return CLI_EXIT_USAGE;
	}

	struct yk_errinfo ei;
	yk_errinfo_clear(&ei);
	struct yk_buf allow, line, out;
	yk_buf_init(&allow, MASK_ALLOW_FILE_MAX);
	yk_buf_init(&line, MASK_LINE_MAX);
	yk_buf_init(&out, 0);
	struct pii_detector *det = NULL;
	struct pii_scanner *sc = NULL;
	struct pii_mapping *map = pii_mapping_new();
	int exit_code = CLI_EXIT_FAIL;
	size_t lineno = 0;

	if (allow_path && (rc = read_file(allow_path, &allow, &ei)) != 0)
		goto out;
	struct pii_config cfg = {.dicdir = dicdir, .allow = allow.data, .allow_len = allow.len};
	if ((rc = pii_detector_new(&cfg, &det, &ei)) != 0)
		goto out;
	if ((rc = pii_scanner_new(det, &sc, &ei)) != 0)
		goto out;

	int ch = 0;
	while (ch != EOF) {
		yk_buf_reset(&line);
		while ((ch = getchar()) != EOF && ch != '\n')
			if ((rc = yk_buf_addc(&line, (char)ch)) != 0) {
				yk_errinfo_set(&ei, rc, "%zu 行目が長すぎます（%u MB まで）", lineno + 1,
					       MASK_LINE_MAX / (1024u * 1024u));
				goto out;
			}
		if (ch == EOF && line.len == 0)
			break;
		lineno++;
		size_t len = line.len;
		if (len && line.data[len - 1] == '\r')
			len--;
		const char *text = line.data ? line.data : "";
		if (jsonl) {
			if (len == 0)
				continue;
			if ((rc = mask_jsonl(sc, text, len, lineno, &ei)) != 0)
				goto out;
			continue;
		}
		const struct pii_span *spans;
		size_t n;
		rc = pii_scan(sc, text, len, &spans, &n);
		if (rc) {
			mask_error(&ei, rc, lineno, 0, map, "");
			goto out;
		}
		yk_buf_reset(&out);
		if ((rc = pii_mask_spans(map, text, len, spans, n, &out)) != 0) {
			mask_error(&ei, rc, lineno, 1, map, "入力全体");
			goto out;
		}
		if (json) {
			if ((rc = print_json(out.data ? out.data : "", out.len, spans, n)) != 0)
				goto out;
		} else {
			fwrite(out.data ? out.data : "", 1, out.len, stdout);
			putchar('\n');
		}
	}
	if (fflush(stdout) != 0) {
		rc = yk_errinfo_set(&ei, YK_EIO, "出力に失敗しました");
		goto out;
	}
	exit_code = 0;
out:
	if (exit_code)
		cli_error(rc, &ei);
	pii_mapping_free(map);
	pii_scanner_free(sc);
	pii_detector_free(det);
	yk_buf_release(&allow);
	yk_buf_release(&line);
	yk_buf_release(&out);
	return exit_code;
}
