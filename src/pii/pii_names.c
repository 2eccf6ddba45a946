/* pii/names: ENAMDICT (JMnedict, Debian package `enamdict`), the names
 * dictionary of the Electronic Dictionary Research and Development Group,
 * loaded once per process into a compact hash set.
 *
 * Kept: written forms of 1-4 characters whose entry is a surname (s), a
 * given name (g, f, m) or a place (p), with those classes as flags. A key is
 * a 64-bit hash of the folded code points, so a look-up from the guard's
 * code-point array needs no conversion; the set is open-addressed, 8 bytes
 * a slot (56 bits of hash, 8 bits of flags). A hash collision can at worst
 * make a word look like a name; with 56 bits over about half a million keys
 * that does not happen in practice.
 *
 * The file is EUC-JP (converted with iconv); it is read from
 * $YAKUBA_ENAMDICT or /usr/share/edict/enamdict. When it is missing the
 * guard works without it (a warning is logged once).
 */
#include <iconv.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "pii_int.h"
#include "core/banned.h"

#define NAMES_DEFAULT_PATH "/usr/share/edict/enamdict"
#define NAMES_KEY_MAX 4        /* code points of a kept written form */
#define NAMES_LINE_MAX 4096

struct pii__names {
	uint64_t *slot; /* hash << 8 | flags; 0 = empty */
	size_t mask;    /* slots - 1 */
	size_t n;
};

static uint64_t names_hash(const uint32_t *cp, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < n; i++) {
		h ^= cp[i];
		h *= 1099511628211ull;
	}
	h ^= h >> 29;
	return h ? h : 1;
}

static void names_put(struct pii__names *s, uint64_t h, unsigned flags)
{
	uint64_t key = h << 8;
	for (size_t i = (size_t)(h & s->mask);; i = (i + 1) & s->mask) {
		if (!s->slot[i]) {
			s->slot[i] = key | flags;
			s->n++;
			return;
		}
		if ((s->slot[i] & ~(uint64_t)0xFF) == key) {
			s->slot[i] |= flags;
			return;
		}
	}
}

unsigned pii__names_lookup(const struct pii__names *s, const uint32_t *cp, size_t n)
{
	if (!s || n == 0 || n > NAMES_KEY_MAX)
		return 0;
	uint64_t h = names_hash(cp, n), key = h << 8;
	for (size_t i = (size_t)(h & s->mask);; i = (i + 1) & s->mask) {
		if (!s->slot[i])
			return 0;
		if ((s->slot[i] & ~(uint64_t)0xFF) == key)
			return (unsigned)(s->slot[i] & 0xFF);
	}
}

/* Flags of the "(s,p)" classes of one entry. */
static unsigned entry_flags(const char *p)
{
	unsigned f = 0;
	const char *open = strstr(p, "/(");
	if (!open)
		return 0;
	for (const char *q = open + 2; *q && *q != ')'; q++) {
		if (q[0] == 's' && (q[1] == ',' || q[1] == ')'))
			f |= PII_NAME_SURNAME;
		else if ((q[0] == 'g' || q[0] == 'f' || q[0] == 'm') && (q[1] == ',' || q[1] == ')'))
			f |= PII_NAME_GIVEN;
		else if (q[0] == 'p' && (q[1] == ',' || q[1] == ')'))
			f |= PII_NAME_PLACE;
	}
	return f;
}

static struct pii__names *names_load(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	iconv_t cd = iconv_open("UTF-8", "EUC-JP");
	if (cd == (iconv_t)-1) {
		fclose(f);
		return NULL;
	}
	struct pii__names *s = yk_xcalloc(1, sizeof(*s));
	size_t slots = (size_t)1 << 20;
	s->slot = yk_xcalloc(slots, sizeof(*s->slot));
	s->mask = slots - 1;
	char line[NAMES_LINE_MAX], utf[NAMES_LINE_MAX];
	while (fgets(line, sizeof(line), f)) {
		/* the written form is everything before the first space */
		char *sp = strchr(line, ' ');
		if (!sp || sp == line)
			continue;
		/* EUC-JP kanji and kana are 2 bytes: longer forms are not kept */
		if ((size_t)(sp - line) > 2 * NAMES_KEY_MAX)
			continue;
		unsigned flags = entry_flags(sp);
		if (!flags)
			continue;
		char *in = line, *out = utf;
		size_t inl = (size_t)(sp - line), outl = sizeof(utf) - 1;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &in, &inl, &out, &outl) == (size_t)-1)
			continue;
		size_t ulen = (size_t)(out - utf);
		uint32_t cp[NAMES_KEY_MAX + 1];
		size_t n = 0, i = 0;
		while (i < ulen && n <= NAMES_KEY_MAX) {
			uint32_t c;
			i += yk_utf8_decode(utf + i, ulen - i, &c);
			cp[n++] = text_fold_cp(c);
		}
		if (n == 0 || n > NAMES_KEY_MAX || i < ulen)
			continue;
		/* keep the load factor under 0.7 */
		if (s->n * 10 >= slots * 7)
			break;
		names_put(s, names_hash(cp, n), flags);
	}
	iconv_close(cd);
	fclose(f);
	return s;
}

static struct pii__names *names;
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

static void names_init(void)
{
	const char *path = getenv("YAKUBA_ENAMDICT");
	if (!path || !*path)
		path = NAMES_DEFAULT_PATH;
	names = names_load(path);
	if (!names)
		yk_log(YK_LOG_WARN, "pii: %s not found or unreadable (Debian package enamdict); "
				    "names are found from UniDic alone",
		       path);
}

const struct pii__names *pii__names_get(void)
{
	pthread_once(&names_once, names_init);
	return names;
}

int pii_names_info(size_t *entries, size_t *bytes)
{
	const struct pii__names *s = pii__names_get();
	if (entries)
		*entries = s ? s->n : 0;
	if (bytes)
		*bytes = s ? (s->mask + 1) * sizeof(*s->slot) : 0;
	return s ? 0 : YK_ENOTFOUND;
}
