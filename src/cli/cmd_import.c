/* cli/import: `yakuba import PATH...`, files or folders (recursively) into
 * the knowledge base through kb_import_file(). One result line per file on
 * stdout, the problems of a failed file on stderr; every other file is
 * still imported, and the exit code is 1 when any file failed.
 *
 * The name a file is stored under (its identity, shown in citations) does
 * not depend on the working directory: a file given by itself is stored
 * under its base name ("規程集.pdf"); a file found in a folder under the
 * folder's name and its path inside it ("例規/第1編/総則.pdf"). Importing
 * the same file again, from anywhere, updates the same source. */
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

#include "cli.h"
#include "kb/kb.h"
#include "core/banned.h"

#define IMPORT_FILES_MAX 100000
#define IMPORT_DEPTH_MAX 32

struct file_list {
	char **paths;
	char **names;
	size_t n, cap;
	size_t skipped; /* files of other types found in folders */
	int failed;     /* a path could not be read or listed */
};

static void list_add(struct file_list *l, const char *path, const char *name)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->paths = yk_xrealloc(l->paths, l->cap * sizeof(*l->paths));
		l->names = yk_xrealloc(l->names, l->cap * sizeof(*l->names));
	}
	l->paths[l->n] = yk_xstrdup(path);
	l->names[l->n++] = yk_xstrdup(name);
}

/* Base name of path, trailing slashes ignored; "." and ".." resolve to
 * the real folder's name. Into out. */
static void base_name(const char *path, char *out, size_t outsz)
{
	char *real = realpath(path, NULL);
	const char *p = real ? real : path;
	size_t len = strlen(p);
	while (len > 1 && p[len - 1] == '/')
		len--;
	size_t start = len;
	while (start > 0 && p[start - 1] != '/')
		start--;
	snprintf(out, outsz, "%.*s", (int)(len - start), p + start);
	free(real);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the supported files under dir, in name order; hidden files and
 * folders (".git") and symbolic links to folders are left out. */
static void walk_dir(struct file_list *l, const char *dir, const char *name_prefix, int depth)
{
	if (depth > IMPORT_DEPTH_MAX) {
		fprintf(stderr, "yakuba: %s: フォルダが深すぎます（%d 階層まで）\n", dir,
			IMPORT_DEPTH_MAX);
		l->failed = 1;
		return;
	}
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "yakuba: %s: フォルダを開けません（%s）\n", dir, strerror(errno));
		l->failed = 1;
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = yk_xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = yk_xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		char path[4096], name[4096];
		int len = snprintf(path, sizeof(path), "%s%s%s", dir,
				   dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
		int nlen = snprintf(name, sizeof(name), "%s/%s", name_prefix, names[i]);
		struct stat st;
		if (len < 0 || (size_t)len >= sizeof(path) || nlen < 0 ||
		    (size_t)nlen >= sizeof(name) || lstat(path, &st) != 0) {
			fprintf(stderr, "yakuba: %s/%s: 読めません\n", dir, names[i]);
			l->failed = 1;
		} else if (S_ISDIR(st.st_mode)) {
			walk_dir(l, path, name, depth + 1);
		} else if (S_ISREG(st.st_mode) || (S_ISLNK(st.st_mode) && stat(path, &st) == 0 &&
						    S_ISREG(st.st_mode))) {
			if (l->n >= IMPORT_FILES_MAX) {
				fprintf(stderr, "yakuba: ファイルが多すぎます（%d 件まで）\n",
					IMPORT_FILES_MAX);
				l->failed = 1;
			} else if (kb_format_from_name(path) == KB_FORMAT_UNKNOWN) {
				l->skipped++;
			} else {
				list_add(l, path, name);
			}
		}
		free(names[i]);
	}
	free(names);
}

/* Reads at most KB_FILE_MAX + 1 bytes: a larger file is refused by
 * kb_import_file without us holding all of it. */
static char *read_limited(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct yk_buf b;
	yk_buf_init(&b, (size_t)KB_FILE_MAX + 1);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		size_t room = b.limit - b.len;
		if (yk_buf_add(&b, chunk, n < room ? n : room) || n > room)
			break;
	}
	int err = ferror(f);
	fclose(f);
	if (err) {
		yk_buf_release(&b);
		return NULL;
	}
	return yk_buf_detach(&b, len);
}

/* kb_import_status_label padded with ideographic spaces to one width. */
static void status_label(enum kb_import_status s, char *buf, size_t size)
{
	const char *l = kb_import_status_label(s);
	size_t chars = yk_utf8_count(l, strlen(l));
	int off = snprintf(buf, size, "%s", l);
	for (size_t n = chars; n < 6 && off > 0 && (size_t)off + 4 < size; n++)
		off += snprintf(buf + off, size - (size_t)off, "　");
}

int cmd_import(int argc, char **argv)
{
	static const struct cli_cmd cmd = {
		"import", "yakuba import [--db PATH] [--check] PATH...",
		"FAQ（CSV, TSV, JSON, JSONL）と文書（Markdown, テキスト, HTML, PDF, DOCX, XLSX, "
		"PPTX）をナレッジベースに取り込みます。フォルダを指定すると中のファイルをすべて"
		"取り込みます（フォルダ名/中のパス という名前で登録します）。内容が変わっていない"
		"ファイルはそのままにし、変わったファイルは丸ごと置き換えます。問題のあるファイルは"
		"何も取り込みません。",
		1, CLI_MAX_POSITIONAL};
	int check = 0;
	const struct cli_opt opts[] = {
		{.name = "check",
		 .help = "取り込まずに、ファイルに問題がないかだけを調べます（データベースは不要）",
		 .flag = &check},
		{0},
	};
	const char *db_flag = NULL, *pos[CLI_MAX_POSITIONAL];
	int npos;
	int rc = cli_parse(&cmd, opts, argc, argv, &db_flag, pos, &npos);
	if (rc)
		return rc < 0 ? 0 : rc;
	struct file_list l = {0};
	for (int i = 0; i < npos; i++) {
		struct stat st;
		if (stat(pos[i], &st) != 0) {
			fprintf(stderr, "yakuba: %s: 見つかりません\n", pos[i]);
			l.failed = 1;
		} else {
			char base[1024];
			base_name(pos[i], base, sizeof(base));
			if (S_ISDIR(st.st_mode))
				walk_dir(&l, pos[i], base, 0);
			else
				list_add(&l, pos[i], base);
		}
	}
	struct store *db = NULL;
	if (!check && cli_open(db_flag, 0, &db)) {
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	size_t counts[4] = {0};
	char failed_label[64], label[64], note[96];
	if (check)
		snprintf(failed_label, sizeof(failed_label), "問題あり");
	else
		status_label(KB_IMPORT_FAILED, failed_label, sizeof(failed_label));
	struct kb_report *rep = yk_xmalloc(sizeof(*rep));
	for (size_t i = 0; i < l.n; i++) {
		const char *path = l.paths[i], *name = l.names[i];
		size_t len = 0;
		char *bytes = read_limited(path, &len);
		struct yk_errinfo ei;
		yk_errinfo_clear(&ei);
		if (!bytes) {
			printf("[%zu/%zu] %s %s（読めません: %s）\n", i + 1, l.n, failed_label,
			       name, strerror(errno));
			counts[KB_IMPORT_FAILED]++;
			continue;
		}
		int irc;
		if (check) {
			/* Parse only: "new" stands for "would be imported". */
			kb_report_init(rep, name);
			irc = kb_parse(bytes, len, NULL, NULL, rep);
			rep->status = irc ? KB_IMPORT_FAILED : KB_IMPORT_NEW;
		} else {
			irc = kb_import_file(db, NULL, name, bytes, len, rep, &ei);
		}
		free(bytes);
		counts[rep->status]++;
		if (irc == 0) {
			status_label(rep->status, label, sizeof(label));
			kb_report_visibility_note(rep, note, sizeof(note));
			printf("[%zu/%zu] %s %s（%s、%zu 件）%s%s\n", i + 1, l.n,
			       check ? "問題なし" : label, name, kb_format_name(rep->format),
			       rep->records, note[0] ? " 注意: " : "", note);
			continue;
		}
		printf("[%zu/%zu] %s %s\n", i + 1, l.n, failed_label, name);
		fflush(stdout);
		if (rep->problems.count == 0)
			cli_error(irc, &ei);
		cli_print_problems("  ", rep->name, &rep->problems);
	}
	free(rep);
	store_close(db);
	if (check)
		printf("合計 %zu ファイル: 問題なし %zu、問題あり %zu（確認のみで、取り込んでいません）",
		       l.n, counts[KB_IMPORT_NEW], counts[KB_IMPORT_FAILED]);
	else
		printf("合計 %zu ファイル: 新規 %zu、置換 %zu、変更なし %zu、取り込み不可 %zu", l.n,
		       counts[KB_IMPORT_NEW], counts[KB_IMPORT_REPLACED],
		       counts[KB_IMPORT_UNCHANGED], counts[KB_IMPORT_FAILED]);
	if (l.skipped)
		printf("（対象外の形式 %zu ファイルは読み飛ばしました）", l.skipped);
	printf("\n");
	if (!check && counts[KB_IMPORT_FAILED])
		printf("取り込み不可のファイルは内容を1件も登録していません。表示された行を直して、"
		       "もう一度取り込んでください。\n");
	rc = counts[KB_IMPORT_FAILED] || l.failed ? CLI_EXIT_FAIL : 0;
out:
	for (size_t i = 0; i < l.n; i++) {
		free(l.paths[i]);
		free(l.names[i]);
	}
	free(l.paths);
	free(l.names);
	return rc;
}
