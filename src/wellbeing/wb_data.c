/* wellbeing/data: the official 57 items and the 素点換算表, read once from
 * the compiled-in copies of data/stresscheck/items_57.csv and
 * soten_kansan_table.csv (the spec's own files, shipped verbatim).
 *
 * These files are ours and fixed at build time, not outside input: they
 * hold no quotes or embedded commas, so a comma split is enough, and any
 * inconsistency is a build defect (abort), which test_wellbeing rules out. */
#include <pthread.h>

#include "core/embed.h"
#include "wellbeing.h"
#include "core/banned.h"

#define ITEM_COLS 13
#define TABLE_COLS 10

struct soten_row {
	int lo[5], hi[5]; /* raw range of each column; lo = 0 for an empty column */
	int pts[5];
};

static struct wb_item items[WB_ITEMS];
static struct wb_scale scales[WB_SCALES];
static struct soten_row table[WB_SCALES][3]; /* [scale][sex] */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const struct yk_embedded_file *find_file(const char *name)
{
	for (const struct yk_embedded_file *f = yk_stresscheck_data; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

static void die(const char *what)
{
	yk_log(YK_LOG_ERROR, "wellbeing: compiled-in stress-check data is inconsistent: %s", what);
	abort();
}

/* Splits line (NUL-terminated, owned by the caller, modified) at commas. */
static int split(char *line, char **cols, int max)
{
	int n = 0;
	cols[n++] = line;
	for (char *p = line; *p; p++)
		if (*p == ',') {
			*p = '\0';
			if (n == max)
				return -1;
			cols[n++] = p + 1;
		}
	return n;
}

/* Iterates over the data lines (header skipped) of an embedded file; each
 * line is a heap copy that stays alive (the tables point into it). */
static char *next_line(const char **p, const char *end)
{
	while (*p < end) {
		const char *s = *p, *e = memchr(s, '\n', (size_t)(end - s));
		if (!e)
			e = end;
		*p = e < end ? e + 1 : end;
		size_t n = (size_t)(e - s);
		if (n && s[n - 1] == '\r')
			n--;
		if (n)
			return yk_xstrndup(s, n);
	}
	return NULL;
}

static int small_int(const char *s)
{
	int64_t v;
	if (yk_parse_i64(s, strlen(s), 0, 99, &v))
		die(s);
	return (int)v;
}

static int scale_index(const char *name)
{
	for (int i = 0; i < WB_SCALES; i++)
		if (scales[i].name && strcmp(scales[i].name, name) == 0)
			return i;
	return -1;
}

/* "3-5", "12" or "-" */
static void parse_range(const char *s, int *lo, int *hi)
{
	if (strcmp(s, "-") == 0) {
		*lo = *hi = 0;
		return;
	}
	const char *dash = strchr(s, '-');
	if (!dash) {
		*lo = *hi = small_int(s);
		return;
	}
	char a[8];
	size_t n = (size_t)(dash - s);
	if (n == 0 || n >= sizeof(a))
		die(s);
	memcpy(a, s, n);
	a[n] = '\0';
	*lo = small_int(a);
	*hi = small_int(dash + 1);
	if (*lo > *hi)
		die(s);
}

static void load_table(void)
{
	const struct yk_embedded_file *f = find_file("soten_kansan_table.csv");
	if (!f)
		die("soten_kansan_table.csv missing");
	const char *p = (const char *)f->data, *end = p + f->len;
	char *line = next_line(&p, end); /* header */
	free(line);
	int nscales = 0, rows = 0;
	while ((line = next_line(&p, end))) {
		char *c[TABLE_COLS + 1];
		if (split(line, c, TABLE_COLS + 1) != TABLE_COLS)
			die("table row shape");
		int si = scale_index(c[0]), is_new = si < 0;
		if (is_new) {
			if (nscales == WB_SCALES)
				die("too many scales");
			si = nscales++;
			scales[si].name = c[0];
			scales[si].domain = c[1][0];
		}
		enum wb_sex sex = strcmp(c[3], "male") == 0 ? WB_SEX_MALE
				  : strcmp(c[3], "female") == 0 ? WB_SEX_FEMALE : WB_SEX_NONE;
		if (sex == WB_SEX_NONE || strlen(c[9]) != 5)
			die("table sex/points");
		struct soten_row *r = &table[si][sex];
		for (int k = 0; k < 5; k++) {
			parse_range(c[4 + k], &r->lo[k], &r->hi[k]);
			r->pts[k] = c[9][k] - '0';
		}
		scales[si].burden = r->pts[0] == 5;
		rows++;
		if (!is_new)
			free(line); /* the second row of a scale: nothing points into it */
	}
	if (nscales != WB_SCALES || rows != 2 * WB_SCALES)
		die("table size");
}

static void load_items(void)
{
	const struct yk_embedded_file *f = find_file("items_57.csv");
	if (!f)
		die("items_57.csv missing");
	const char *p = (const char *)f->data, *end = p + f->len;
	char *line = next_line(&p, end);
	free(line);
	int n = 0;
	while ((line = next_line(&p, end))) {
		char *c[ITEM_COLS + 1];
		if (split(line, c, ITEM_COLS + 1) != ITEM_COLS || n == WB_ITEMS)
			die("item row shape");
		struct wb_item *it = &items[n];
		it->q = small_int(c[0]);
		it->domain = c[1][0];
		it->code = c[2];
		it->text = c[3];
		it->sub_prompt = c[4];
		for (int k = 0; k < 4; k++)
			it->choices[k] = c[5 + k];
		it->scale = scale_index(c[9]);
		it->sum_reversed = strcmp(c[10], "yes") == 0;
		it->soten_reversed = yk_starts_with(c[11], "reversed");
		if (it->q != n + 1 || it->scale < 0)
			die("item number or scale");
		n++;
	}
	if (n != WB_ITEMS)
		die("item count");
}

/* Raw range of each scale from its items (each contributes 1..4). */
static void derive_ranges(void)
{
	for (int s = 0; s < WB_SCALES; s++) {
		int k = 0;
		for (int i = 0; i < WB_ITEMS; i++)
			k += items[i].scale == s;
		if (k == 0)
			die("scale without items");
		scales[s].raw_min = k;
		scales[s].raw_max = 4 * k;
	}
}

static void load(void)
{
	load_table();
	load_items();
	derive_ranges();
}

const struct wb_item *wb_items(void)
{
	pthread_once(&once, load);
	return items;
}

const struct wb_scale *wb_scales(void)
{
	pthread_once(&once, load);
	return scales;
}

int wb_soten_points(int scale, enum wb_sex sex, int raw)
{
	pthread_once(&once, load);
	if (scale < 0 || scale >= WB_SCALES || (sex != WB_SEX_MALE && sex != WB_SEX_FEMALE))
		return 0;
	const struct soten_row *r = &table[scale][sex];
	for (int k = 0; k < 5; k++)
		if (r->lo[k] && raw >= r->lo[k] && raw <= r->hi[k])
			return r->pts[k];
	return 0;
}

const char *wb_domain_title(char domain)
{
	switch (domain) {
	case 'A': return "仕事のストレス要因";
	case 'B': return "心身のストレス反応";
	case 'C': return "周囲のサポート";
	case 'D': return "満足度";
	default: return "";
	}
}

/* The printed instructions of the MHLW form (SPEC §1.1). */
const char *wb_domain_instruction(char domain)
{
	switch (domain) {
	case 'A': return "A あなたの仕事についてうかがいます。最もあてはまるものに○を付けてください。";
	case 'B': return "B 最近1か月間のあなたの状態についてうかがいます。最もあてはまるものに○を付けてください。";
	case 'C': return "C あなたの周りの方々についてうかがいます。最もあてはまるものに○を付けてください。";
	case 'D': return "D 満足度について";
	default: return "";
	}
}
