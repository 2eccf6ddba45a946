/* bench/llm_sse: throughput of the streaming side of src/llm against a
 * naive anchor, in the same run.
 *
 * The stream is built in memory from real Japanese text (the answers of
 * ../shared/data/localgovfaq/faq.tsv, read at run time, never copied into
 * the repository), cut into deltas of 1-3 characters as a model server
 * sends them: one chat.completion.chunk per delta, "data: ...\n\n" framing,
 * and fed in pieces of --chunk bytes (default 1460, one TCP segment).
 *
 * Two levels, each "ours" vs "naive":
 *   sse   framing only: llm_sse_feed() vs the common hand-rolled loop
 *         (append the read to a buffer, strstr "\n\n", strip "data: ",
 *         copy the event, memmove the rest to the front);
 *   chat  framing + JSON + text extraction: llm_chat_stream_feed() vs the
 *         same naive loop with json_loads() of a NUL-terminated copy per
 *         event and the content appended to the reply.
 * Both sides must agree on the event count and the reply bytes, or the
 * run fails. Best of --rounds rounds.
 *
 *   build/release/bench/llm_sse [--faq PATH] [--mb N] [--chunk BYTES] [--rounds N]
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "llm/llm.h"

#define BENCH_DEFAULT_FAQ "../shared/data/localgovfaq/faq.tsv"
#define BENCH_MAX_FAQ_BYTES (64u << 20)

struct stream {
	struct yk_buf bytes;
	size_t events;
	size_t text_bytes;
};

/* Appends one chunk event carrying text[0..n). */
static void add_chunk(struct stream *s, const char *text, size_t n)
{
	json_t *c = json_pack("{s:s, s:s, s:i, s:s, s:[{s:i, s:{s:s%}, s:n}]}", "id",
			      "chatcmpl-bench", "object", "chat.completion.chunk", "created",
			      1790000000, "model", "bench", "choices", "index", 0, "delta",
			      "content", text, n, "finish_reason");
	char *j = c ? json_dumps(c, JSON_COMPACT) : NULL;
	if (!j || yk_buf_addf(&s->bytes, "data: %s\n\n", j))
		abort();
	free(j);
	json_decref(c);
	s->events++;
	s->text_bytes += n;
}

/* FAQ answers (third tab field) cut into 1..3 code point deltas. */
static int build_stream(const char *faq_path, size_t target, struct stream *s)
{
	struct yk_buf faq;
	yk_buf_init(&faq, BENCH_MAX_FAQ_BYTES);
	FILE *f = fopen(faq_path, "rb");
	if (!f) {
		fprintf(stderr, "llm_sse: cannot open %s (use --faq PATH)\n", faq_path);
		return YK_EIO;
	}
	char tmp[65536];
	size_t n;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		if (yk_buf_add(&faq, tmp, n))
			break;
	fclose(f);
	yk_buf_init(&s->bytes, 0);
	s->events = s->text_bytes = 0;
	unsigned k = 0;
	while (s->bytes.len < target) {
		const char *p = faq.data, *end = faq.data + faq.len;
		while (p < end && s->bytes.len < target) {
			const char *eol = memchr(p, '\n', (size_t)(end - p));
			if (!eol)
				eol = end;
			const char *t1 = memchr(p, '\t', (size_t)(eol - p));
			const char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(eol - t1 - 1)) : NULL;
			const char *a = t2 ? t2 + 1 : eol;
			while (a < eol) {
				size_t want = 1 + k++ % 3, len = 0;
				for (size_t c = 0; c < want && a + len < eol; c++) {
					uint32_t cp;
					len += yk_utf8_decode(a + len, (size_t)(eol - a - len), &cp);
				}
				add_chunk(s, a, len);
				a += len;
			}
			p = eol + 1;
		}
		if (s->events == 0)
			break;
	}
	yk_buf_release(&faq);
	if (yk_buf_adds(&s->bytes, "data: [DONE]\n\n"))
		abort();
	return s->events ? 0 : YK_EPARSE;
}

/* ---- ours ------------------------------------------------------------------------ */

static int count_event(void *ctx, const struct llm_sse_event *ev)
{
	size_t *n = ctx;
	*n += ev->data_len > 0;
	return 0;
}

static size_t ours_sse(const struct stream *s, size_t chunk, size_t *events)
{
	struct llm_sse_parser p;
	*events = 0;
	llm_sse_init(&p, 0, 0, count_event, events);
	for (size_t at = 0; at < s->bytes.len; at += chunk) {
		size_t n = s->bytes.len - at < chunk ? s->bytes.len - at : chunk;
		if (llm_sse_feed(&p, s->bytes.data + at, n))
			abort();
	}
	llm_sse_release(&p);
	return 0;
}

static int sum_delta(void *ctx, const char *text, size_t len)
{
	(void)text;
	*(size_t *)ctx += len;
	return 0;
}

static size_t ours_chat(const struct stream *s, size_t chunk, size_t *events)
{
	struct llm_chat_stream cs;
	size_t text = 0;
	llm_chat_stream_init(&cs, sum_delta, &text, 0);
	for (size_t at = 0; at < s->bytes.len; at += chunk) {
		size_t n = s->bytes.len - at < chunk ? s->bytes.len - at : chunk;
		if (llm_chat_stream_feed(&cs, s->bytes.data + at, n))
			abort();
	}
	if (llm_chat_stream_finish(&cs))
		abort();
	*events = (size_t)cs.nchunks;
	llm_chat_stream_release(&cs);
	return text;
}

/* ---- naive anchor ---------------------------------------------------------------- */

/* The loop found in many hand-written clients. do_json: parse each event
 * with json_loads and append the delta text to the reply. */
static size_t naive(const struct stream *s, size_t chunk, size_t *events, int do_json)
{
	char *buf = NULL;
	size_t len = 0, cap = 0, text = 0;
	char *reply = NULL;
	size_t reply_len = 0, reply_cap = 0;
	*events = 0;
	for (size_t at = 0; at < s->bytes.len; at += chunk) {
		size_t n = s->bytes.len - at < chunk ? s->bytes.len - at : chunk;
		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			buf = realloc(buf, cap);
		}
		memcpy(buf + len, s->bytes.data + at, n);
		len += n;
		buf[len] = '\0';
		char *sep;
		while ((sep = strstr(buf, "\n\n"))) {
			*sep = '\0';
			char *line = strstr(buf, "data: ");
			if (line) {
				char *data = strdup(line + 6);
				if (strcmp(data, "[DONE]") != 0) {
					(*events)++;
					if (do_json) {
						json_t *j = json_loads(data, 0, NULL);
						const char *t = json_string_value(json_object_get(
							json_object_get(json_array_get(json_object_get(j, "choices"), 0),
									"delta"),
							"content"));
						size_t tl = t ? strlen(t) : 0;
						if (reply_len + tl + 1 > reply_cap) {
							reply_cap = (reply_len + tl + 1) * 2;
							reply = realloc(reply, reply_cap);
						}
						memcpy(reply + reply_len, t ? t : "", tl);
						reply_len += tl;
						text += tl;
						json_decref(j);
					}
				}
				free(data);
			}
			size_t used = (size_t)(sep + 2 - buf);
			memmove(buf, buf + used, len - used + 1);
			len -= used;
		}
	}
	free(buf);
	free(reply);
	return text;
}

/* ---- driver ---------------------------------------------------------------------- */

typedef size_t (*run_fn)(const struct stream *, size_t, size_t *, int);

static size_t run_ours_sse(const struct stream *s, size_t c, size_t *e, int j)
{
	(void)j;
	return ours_sse(s, c, e);
}

static size_t run_ours_chat(const struct stream *s, size_t c, size_t *e, int j)
{
	(void)j;
	return ours_chat(s, c, e);
}

static double best_mbps(run_fn fn, const struct stream *s, size_t chunk, int json, int rounds,
			size_t *events, size_t *text)
{
	double best = 0;
	for (int r = 0; r < rounds; r++) {
		int64_t t0 = yk_mono_us();
		*text = fn(s, chunk, events, json);
		int64_t us = yk_mono_us() - t0;
		double mbps = (double)s->bytes.len / (double)(us > 0 ? us : 1);
		if (mbps > best)
			best = mbps;
	}
	return best; /* bytes per microsecond = MB/s */
}

int main(int argc, char **argv)
{
	const char *faq = BENCH_DEFAULT_FAQ;
	int64_t mb = 16, chunk = 1460, rounds = 3;
	for (int i = 1; i + 1 < argc; i += 2) {
		const char *v = argv[i + 1];
		int bad = 0;
		if (strcmp(argv[i], "--faq") == 0)
			faq = v;
		else if (strcmp(argv[i], "--mb") == 0)
			bad = yk_parse_i64(v, strlen(v), 1, 1024, &mb);
		else if (strcmp(argv[i], "--chunk") == 0)
			bad = yk_parse_i64(v, strlen(v), 1, 1 << 24, &chunk);
		else if (strcmp(argv[i], "--rounds") == 0)
			bad = yk_parse_i64(v, strlen(v), 1, 100, &rounds);
		else
			bad = 1;
		if (bad) {
			fprintf(stderr, "usage: llm_sse [--faq PATH] [--mb N] [--chunk BYTES] [--rounds N]\n");
			return 2;
		}
	}
	struct stream s;
	if (build_stream(faq, (size_t)mb << 20, &s))
		return 1;
	printf("stream: %.1f MB, %zu events, %.1f MB of text, fed in %lld-byte pieces, best of %lld\n",
	       (double)s.bytes.len / 1e6, s.events, (double)s.text_bytes / 1e6, (long long)chunk,
	       (long long)rounds);

	size_t e1, e2, t1, t2;
	double ours = best_mbps(run_ours_sse, &s, (size_t)chunk, 0, (int)rounds, &e1, &t1);
	double anchor = best_mbps(naive, &s, (size_t)chunk, 0, (int)rounds, &e2, &t2);
	if (e1 != s.events + 1 || e2 != s.events) { /* ours counts [DONE] as an event */
		fprintf(stderr, "llm_sse: event counts disagree: %zu %zu %zu\n", e1, e2, s.events);
		return 1;
	}
	printf("sse   ours %8.1f MB/s  naive %8.1f MB/s  ratio %.2fx\n", ours, anchor, ours / anchor);

	ours = best_mbps(run_ours_chat, &s, (size_t)chunk, 1, (int)rounds, &e1, &t1);
	anchor = best_mbps(naive, &s, (size_t)chunk, 1, (int)rounds, &e2, &t2);
	if (e1 != s.events || e2 != s.events || t1 != s.text_bytes || t2 != s.text_bytes) {
		fprintf(stderr, "llm_sse: results disagree: events %zu %zu text %zu %zu (%zu)\n", e1,
			e2, t1, t2, s.text_bytes);
		return 1;
	}
	printf("chat  ours %8.1f MB/s  naive %8.1f MB/s  ratio %.2fx  (%.0f events/ms ours)\n",
	       ours, anchor, ours / anchor, ours * 1000.0 / ((double)s.bytes.len / (double)s.events));
	yk_buf_release(&s.bytes);
	return 0;
}
