/* text/model.c: finding UniDic, the one model per dictionary directory, and
 * the tagger pool.
 *
 * The search (text_dicdir_find) is a plain function over the places it is
 * given, so that each source can be tested with temporary directories; the
 * process's own places come from text_dic_search_default(). Models live in a
 * small registry keyed by directory, so every module that asks for the
 * dictionary (the search index, the question log, the guard, the CLI) gets
 * the same one and the same tagger pool.
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "text/text_int.h"
#include "core/banned.h"

/* ---- the search ------------------------------------------------------------- */

void text_dic_search_default(struct text_dic_search *s, const char *flag)
{
	memset(s, 0, sizeof(*s));
	s->flag = flag && *flag ? flag : NULL;
	const char *env = getenv(TEXT_DICDIR_ENV);
	s->env = env && *env ? env : NULL;
	size_t n = 0;
	const char *rc = getenv("MECABRC");
	if (rc && *rc)
		s->mecabrc[n++] = rc;
	s->mecabrc[n++] = "/etc/mecabrc";
	s->known[0] = "/var/lib/mecab/dic/unidic";
	s->known[1] = "/usr/share/mecab/dic/unidic";
}

enum dic_state { DIC_OK, DIC_ABSENT, DIC_NOT_UNIDIC };

/* Whether dir holds a compiled UniDic: sys.dic, and a dicrc that names
 * unidic (its output formats are unidic22...; IPAdic's and JUMAN's are not). */
static enum dic_state dic_check(const char *dir)
{
	char path[TEXT_DICDIR_MAX + 16];
	int n = snprintf(path, sizeof(path), "%s/sys.dic", dir);
	if (n < 0 || (size_t)n >= sizeof(path))
		return DIC_ABSENT;
	FILE *f = fopen(path, "rb");
	if (!f)
		return DIC_ABSENT;
	fclose(f);
	snprintf(path, sizeof(path), "%s/dicrc", dir);
	if (!(f = fopen(path, "rb")))
		return DIC_NOT_UNIDIC;
	char line[512];
	enum dic_state st = DIC_NOT_UNIDIC;
	while (st != DIC_OK && fgets(line, sizeof(line), f))
		if (strcasestr(line, "unidic"))
			st = DIC_OK;
	fclose(f);
	return st;
}

/* The dicdir of a mecabrc file ("dicdir = /path", ';' comments) into out.
 * 0 when found, 1 when the file exists without one, -1 when unreadable. */
static int mecabrc_dicdir(const char *rc, char *out, size_t outsz)
{
	FILE *f = fopen(rc, "rb");
	if (!f)
		return -1;
	char line[TEXT_DICDIR_MAX + 64];
	int found = 1;
	while (found && fgets(line, sizeof(line), f)) {
		char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "dicdir", 6) != 0)
			continue;
		p += 6;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p++ != '=')
			continue;
		while (*p == ' ' || *p == '\t')
			p++;
		size_t l = strcspn(p, "\r\n");
		while (l && (p[l - 1] == ' ' || p[l - 1] == '\t'))
			l--;
		if (l == 0 || l >= outsz)
			continue;
		memcpy(out, p, l);
		out[l] = '\0';
		found = 0;
	}
	fclose(f);
	return found;
}

/* The list of places tried, for the one error message. */
struct tried {
	char text[400];
	size_t len;
};

static void tried_add(struct tried *t, const char *what, const char *dir, enum dic_state st)
{
	const char *why = st == DIC_ABSENT ? "辞書なし" : "UniDic ではない";
	int n = snprintf(t->text + t->len, sizeof(t->text) - t->len, "%s%s %s（%s）",
			 t->len ? "、" : "", what, dir, why);
	if (n > 0)
		t->len = (size_t)n < sizeof(t->text) - t->len ? t->len + (size_t)n : sizeof(t->text) - 1;
}

static int found(const char *dir, char *out, size_t outsz, enum text_dic_source src,
		 enum text_dic_source *from)
{
	if (strlen(dir) >= outsz)
		return YK_ELIMIT;
	yk_strlcpy(out, dir, outsz);
	if (from)
		*from = src;
	return 0;
}

int text_dicdir_find(const struct text_dic_search *s, char *dir, size_t dirsz,
		     enum text_dic_source *from, struct yk_errinfo *ei)
{
	struct tried t = {.len = 0};
	t.text[0] = '\0';
	enum dic_state st;
	/* An explicit choice that is wrong is the answer: say so. */
	if (s->flag) {
		if ((st = dic_check(s->flag)) == DIC_OK)
			return found(s->flag, dir, dirsz, TEXT_DIC_FLAG, from);
		tried_add(&t, "--dicdir", s->flag, st);
		goto fail;
	}
	if (s->env) {
		if ((st = dic_check(s->env)) == DIC_OK)
			return found(s->env, dir, dirsz, TEXT_DIC_ENV, from);
		tried_add(&t, TEXT_DICDIR_ENV, s->env, st);
		goto fail;
	}
	for (size_t i = 0; i < TEXT_DIC_FILES_MAX && s->mecabrc[i]; i++) {
		char d[TEXT_DICDIR_MAX];
		int r = mecabrc_dicdir(s->mecabrc[i], d, sizeof(d));
		if (r < 0)
			continue; /* MeCab reads the first configuration file it finds */
		if (r == 0) {
			if ((st = dic_check(d)) == DIC_OK)
				return found(d, dir, dirsz, TEXT_DIC_MECABRC, from);
			char what[TEXT_DICDIR_MAX + 16];
			snprintf(what, sizeof(what), "%s の dicdir", s->mecabrc[i]);
			tried_add(&t, what, d, st);
		}
		break;
	}
	for (size_t i = 0; i < TEXT_DIC_FILES_MAX && s->known[i]; i++) {
		if ((st = dic_check(s->known[i])) == DIC_OK)
			return found(s->known[i], dir, dirsz, TEXT_DIC_KNOWN, from);
		tried_add(&t, "", s->known[i], st);
	}
fail:
	return yk_errinfo_set(ei, YK_EIO,
			      "MeCab の UniDic 辞書が見つかりません。探した場所: %s。"
			      "unidic-mecab パッケージを入れるか、--dicdir または " TEXT_DICDIR_ENV
			      " で辞書のディレクトリを指定してください",
			      t.len ? t.text : "なし");
}

/* ---- the registry ------------------------------------------------------------ */

static pthread_mutex_t registry_mu = PTHREAD_MUTEX_INITIALIZER;
static struct text_model *registry;
static uint64_t model_ids; /* the last text_model.id given, under registry_mu */

static void load_eos_conn(struct text_model *m);

int text_model_open(const struct text_dic_search *s, struct text_model **out,
		    struct yk_errinfo *ei)
{
	char dir[TEXT_DICDIR_MAX], real[PATH_MAX];
	*out = NULL;
	int rc = text_dicdir_find(s, dir, sizeof(dir), NULL, ei);
	if (rc)
		return rc;
	if (!realpath(dir, real))
		yk_strlcpy(real, dir, sizeof(real));
	pthread_mutex_lock(&registry_mu);
	struct text_model *m = registry;
	while (m && strcmp(m->dicdir, real) != 0)
		m = m->next;
	if (m) {
		m->refs++;
		goto out;
	}
	/* argv form, so that a directory with spaces needs no quoting. The
	 * dictionary's own dicrc is the resource file: otherwise MeCab reads
	 * $MECABRC or /etc/mecabrc (failing when $MECABRC names no file, and
	 * adding any userdic configured there). Loaded under the lock: it
	 * happens once per directory per process. */
	char rcfile[PATH_MAX + 8];
	snprintf(rcfile, sizeof(rcfile), "%s/dicrc", real);
	char *argv[] = {(char *)"yakuba", (char *)"-r", rcfile, (char *)"-d", real, NULL};
	mecab_model_t *mm = mecab_model_new(5, argv);
	if (!mm) {
		rc = yk_errinfo_set(ei, YK_EIO, "MeCab の辞書を読み込めません（%s）: %s", real,
				    mecab_strerror(NULL));
		goto out;
	}
	m = yk_xcalloc(1, sizeof(*m));
	m->model = mm;
	m->dicdir = yk_xstrdup(real);
	load_eos_conn(m);
	m->refs = 1;
	m->id = ++model_ids; /* under the registry lock */
	pthread_mutex_init(&m->pool_mu, NULL);
	m->next = registry;
	registry = m;
out:
	pthread_mutex_unlock(&registry_mu);
	*out = m;
	return rc;
}

int text_model_new(const char *dicdir, struct text_model **out, struct yk_errinfo *ei)
{
	struct text_dic_search s;
	text_dic_search_default(&s, dicdir);
	return text_model_open(&s, out, ei);
}

struct text_model *text_model_ref(struct text_model *m)
{
	pthread_mutex_lock(&registry_mu);
	m->refs++;
	pthread_mutex_unlock(&registry_mu);
	return m;
}

/* Reads the connection costs to the end of a sentence from the head of the
 * dictionary's matrix.bin: two int16 sizes (lsize, rsize), then the matrix
 * of lsize * rsize int16 costs; the first lsize are those to lcAttr 0, the
 * id of EOS. A file that is absent or whose size is not that of the matrix
 * its head describes leaves m->eos_conn NULL. */
static void load_eos_conn(struct text_model *m)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof(path), "%s/matrix.bin", m->dicdir);
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	int16_t head[2];
	struct stat st;
	/* the whole file must be the matrix the sizes say, or it is not read */
	if (fstat(fileno(f), &st) == 0 && fread(head, sizeof(int16_t), 2, f) == 2 &&
	    head[0] > 0 && head[1] > 0 &&
	    (uint64_t)st.st_size ==
		    4 + 2 * (uint64_t)(uint16_t)head[0] * (uint64_t)(uint16_t)head[1]) {
		size_t n = (size_t)(uint16_t)head[0];
		int16_t *v = yk_xmalloc(n * sizeof(*v));
		if (fread(v, sizeof(*v), n, f) == n) {
			m->eos_conn = v;
			m->eos_n = n;
		} else {
			free(v);
		}
	}
	fclose(f);
}

static void tokenizer_destroy(struct text_tokenizer *tk)
{
	mecab_lattice_destroy(tk->lattice);
	mecab_destroy(tk->tagger);
	free(tk->morph_of);
	free(tk->sentence);
	free(tk->feat);
	free(tk);
}

void text_model_free(struct text_model *m)
{
	if (!m)
		return;
	pthread_mutex_lock(&registry_mu);
	int last = --m->refs == 0;
	if (last)
		for (struct text_model **p = &registry; *p; p = &(*p)->next)
			if (*p == m) {
				*p = m->next;
				break;
			}
	pthread_mutex_unlock(&registry_mu);
	if (!last)
		return;
	for (size_t i = 0; i < m->npool; i++)
		tokenizer_destroy(m->pool[i]);
	free(m->pool);
	pthread_mutex_destroy(&m->pool_mu);
	mecab_model_destroy(m->model);
	free(m->dicdir);
	free(m->eos_conn);
	free(m);
}

const char *text_model_dicdir(const struct text_model *m)
{
	return m->dicdir;
}

/* ---- tokenizers and the pool ----------------------------------------------------- */

int text_tokenizer_new(struct text_model *model, struct text_tokenizer **out,
		       struct yk_errinfo *ei)
{
	*out = NULL;
	mecab_t *tagger = mecab_model_new_tagger(model->model);
	if (!tagger)
		return yk_errinfo_set(ei, YK_EIO, "MeCab を初期化できません");
	mecab_lattice_t *lattice = mecab_model_new_lattice(model->model);
	if (!lattice) {
		mecab_destroy(tagger);
		return yk_errinfo_set(ei, YK_EIO, "MeCab を初期化できません");
	}
	struct text_tokenizer *tk = yk_xcalloc(1, sizeof(*tk));
	tk->model = model;
	tk->tagger = tagger;
	tk->lattice = lattice;
	*out = tk;
	return 0;
}

uint64_t text_tokenizer_model_id(const struct text_tokenizer *tk)
{
	return tk->model->id; /* set before the model was shared, never changed */
}

void text_tokenizer_free(struct text_tokenizer *tk)
{
	if (tk)
		tokenizer_destroy(tk);
}

int text_tokenizer_take(struct text_model *model, struct text_tokenizer **out,
			struct yk_errinfo *ei)
{
	pthread_mutex_lock(&model->pool_mu);
	*out = model->npool ? model->pool[--model->npool] : NULL;
	pthread_mutex_unlock(&model->pool_mu);
	return *out ? 0 : text_tokenizer_new(model, out, ei);
}

void text_tokenizer_give(struct text_tokenizer *tk)
{
	if (!tk)
		return;
	struct text_model *m = tk->model;
	pthread_mutex_lock(&m->pool_mu);
	if (m->npool < TEXT_POOL_MAX) {
		if (!m->pool)
			m->pool = yk_xcalloc(TEXT_POOL_MAX, sizeof(*m->pool));
		m->pool[m->npool++] = tk;
		tk = NULL;
	}
	pthread_mutex_unlock(&m->pool_mu);
	if (tk)
		tokenizer_destroy(tk);
}
