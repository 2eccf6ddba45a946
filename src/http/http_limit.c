/* http: the pure checks of a request's target and of X-Forwarded-For, and
 * the keyed rate limiter. No MHD here: these are tested and fuzzed alone
 * (tests/unit/test_http.c, tests/fuzz/fuzz_http_request.c). See http.h. */
#include <arpa/inet.h>
#include <pthread.h>

#include "http.h"
#include "core/banned.h"

/* ---- request target ---------------------------------------------------- */

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int byte_is_control(unsigned char b)
{
	return b < 0x20 || b == 0x7f;
}

int http_target_check(const char *target, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)target[i];
		if (b == '?' || b == '#')
			break; /* the query is decoded and checked apart */
		if (b == '%' && i + 2 < len) {
			int hi = hex_value(target[i + 1]), lo = hex_value(target[i + 2]);
			if (hi >= 0 && lo >= 0) {
				b = (unsigned char)(hi * 16 + lo);
				i += 2;
			}
		}
		if (byte_is_control(b))
			return YK_EINVAL;
	}
	return 0;
}

/* ---- X-Forwarded-For ----------------------------------------------------- */

int http_forwarded_client(const char *xff, size_t len, char *out, size_t outsz)
{
	if (outsz)
		out[0] = '\0';
	size_t end = len;
	while (end > 0 && (xff[end - 1] == ' ' || xff[end - 1] == '\t'))
		end--;
	size_t start = end;
	while (start > 0 && xff[start - 1] != ',')
		start--;
	while (start < end && (xff[start] == ' ' || xff[start] == '\t'))
		start++;
	size_t n = end - start;
	if (n == 0 || n >= INET6_ADDRSTRLEN || n >= outsz)
		return YK_EINVAL;
	char tmp[INET6_ADDRSTRLEN];
	memcpy(tmp, xff + start, n);
	tmp[n] = '\0';
	unsigned char bin[16];
	if (inet_pton(AF_INET, tmp, bin) != 1 && inet_pton(AF_INET6, tmp, bin) != 1)
		return YK_EINVAL;
	memcpy(out, tmp, n + 1);
	return 0;
}

/* ---- keyed rate limiter ---------------------------------------------------- */

#define RATE_NONE UINT32_MAX

struct rate_entry {
	char key[HTTP_RATE_KEY_MAX + 1];
	double tokens;
	int64_t at_ms;
	uint32_t hash_next;          /* chain of the hash bucket */
	uint32_t newer, older;       /* recency list */
};

struct http_ratelimit {
	pthread_mutex_t mu;
	double per_ms, burst;
	size_t cap, used;
	size_t nbuckets;             /* power of two */
	uint32_t *buckets;
	struct rate_entry *e;
	uint32_t newest, oldest;
};

static uint64_t key_hash(const char *k)
{
	uint64_t h = 1469598103934665603u;
	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 1099511628211u;
	return h;
}

struct http_ratelimit *http_ratelimit_new(double per_min, double burst, size_t capacity)
{
	struct http_ratelimit *rl = yk_xcalloc(1, sizeof(*rl));
	pthread_mutex_init(&rl->mu, NULL);
	rl->per_ms = per_min / 60000.0;
	rl->burst = burst;
	rl->cap = capacity ? capacity : HTTP_RATE_KEYS_MAX;
	rl->nbuckets = 1;
	while (rl->nbuckets < rl->cap * 2)
		rl->nbuckets <<= 1;
	rl->buckets = yk_xcalloc(rl->nbuckets, sizeof(*rl->buckets));
	for (size_t i = 0; i < rl->nbuckets; i++)
		rl->buckets[i] = RATE_NONE;
	rl->e = yk_xcalloc(rl->cap, sizeof(*rl->e));
	rl->newest = rl->oldest = RATE_NONE;
	return rl;
}

void http_ratelimit_free(struct http_ratelimit *rl)
{
	if (!rl)
		return;
	pthread_mutex_destroy(&rl->mu);
	free(rl->buckets);
	free(rl->e);
	free(rl);
}

static void recency_unlink(struct http_ratelimit *rl, uint32_t i)
{
	struct rate_entry *e = &rl->e[i];
	if (e->newer != RATE_NONE)
		rl->e[e->newer].older = e->older;
	else
		rl->newest = e->older;
	if (e->older != RATE_NONE)
		rl->e[e->older].newer = e->newer;
	else
		rl->oldest = e->newer;
}

static void recency_push(struct http_ratelimit *rl, uint32_t i)
{
	struct rate_entry *e = &rl->e[i];
	e->newer = RATE_NONE;
	e->older = rl->newest;
	if (rl->newest != RATE_NONE)
		rl->e[rl->newest].newer = i;
	rl->newest = i;
	if (rl->oldest == RATE_NONE)
		rl->oldest = i;
}

static void hash_unlink(struct http_ratelimit *rl, uint32_t i)
{
	uint32_t *p = &rl->buckets[key_hash(rl->e[i].key) & (rl->nbuckets - 1)];
	while (*p != RATE_NONE && *p != i)
		p = &rl->e[*p].hash_next;
	if (*p == i)
		*p = rl->e[i].hash_next;
}

int http_ratelimit_take(struct http_ratelimit *rl, const char *key, int64_t now_ms)
{
	char k[HTTP_RATE_KEY_MAX + 1];
	yk_strlcpy(k, key ? key : "", sizeof(k));
	size_t b = key_hash(k) & (rl->nbuckets - 1);
	pthread_mutex_lock(&rl->mu);
	uint32_t i = rl->buckets[b];
	while (i != RATE_NONE && strcmp(rl->e[i].key, k) != 0)
		i = rl->e[i].hash_next;
	if (i == RATE_NONE) {
		if (rl->used < rl->cap) {
			i = (uint32_t)rl->used++;
		} else { /* the key seen least recently makes room */
			i = rl->oldest;
			recency_unlink(rl, i);
			hash_unlink(rl, i);
		}
		struct rate_entry *e = &rl->e[i];
		memcpy(e->key, k, sizeof(k));
		e->tokens = rl->burst;
		e->at_ms = now_ms;
		e->hash_next = rl->buckets[b];
		rl->buckets[b] = i;
	} else {
		recency_unlink(rl, i);
	}
	recency_push(rl, i);
	struct rate_entry *e = &rl->e[i];
	if (now_ms > e->at_ms) {
		e->tokens += (double)(now_ms - e->at_ms) * rl->per_ms;
		if (e->tokens > rl->burst)
			e->tokens = rl->burst;
		e->at_ms = now_ms;
	}
	int ok = e->tokens >= 1.0;
	if (ok)
		e->tokens -= 1.0;
	pthread_mutex_unlock(&rl->mu);
	return ok ? 0 : YK_ERATE;
}
