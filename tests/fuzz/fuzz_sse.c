/* libFuzzer target for src/llm/stream.c: the SSE parser, the chat-stream
 * decoder and the error-body mapper over arbitrary bytes.
 *
 * Input: byte 0 picks the feed sizes, the rest is the stream. Besides
 * looking for crashes, leaks and UB, it checks the parser's central
 * promise: feeding the same bytes in different pieces dispatches exactly
 * the same events with the same final state (aborts otherwise). */
#include <stddef.h>
#include <stdint.h>

#include "llm/llm.h"

#define FUZZ_MAX_TRACE (1u << 20)

static int trace_event(void *ctx, const struct llm_sse_event *ev)
{
	struct yk_buf *b = ctx;
	/* Lengths first, so that no two different event lists serialise alike. */
	if (yk_buf_addf(b, "%zu:%zu:", ev->event_len, ev->data_len) ||
	    yk_buf_add(b, ev->event, ev->event_len) || yk_buf_add(b, ev->data, ev->data_len))
		return YK_ELIMIT;
	if (ev->data[ev->data_len] != '\0')
		__builtin_trap();
	return 0;
}

/* Feeds data in pieces of 1..step bytes (step 0 = all at once). */
static void parse(const uint8_t *data, size_t len, size_t step, size_t max_line,
		  size_t max_event, struct yk_buf *trace)
{
	struct llm_sse_parser p;
	llm_sse_init(&p, max_line, max_event, trace_event, trace);
	int rc = 0;
	size_t at = 0, k = 0;
	while (at < len && rc == 0) {
		size_t n = step ? 1 + (k++ * 7) % step : len;
		if (n > len - at)
			n = len - at;
		rc = llm_sse_feed(&p, (const char *)data + at, n);
		at += n;
	}
	if (rc == 0)
		rc = llm_sse_finish(&p);
	/* When the trace is full both runs stopped at the same event anyway. */
	int full = yk_buf_addf(trace, "|end %d", rc);
	(void)full;
	llm_sse_release(&p);
}

static int count_delta(void *ctx, const char *text, size_t len)
{
	size_t *total = ctx;
	if (len == 0 || !yk_utf8_valid(text, len, NULL))
		__builtin_trap(); /* the decoder promises non-empty valid UTF-8 */
	*total += len;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t step = data[0] % 16;
	size_t max_line = data[0] & 16 ? 64 : 0;
	size_t max_event = max_line ? 256 : 0;
	data++;
	size--;

	struct yk_buf whole, pieces;
	yk_buf_init(&whole, FUZZ_MAX_TRACE);
	yk_buf_init(&pieces, FUZZ_MAX_TRACE);
	parse(data, size, 0, max_line, max_event, &whole);
	parse(data, size, step ? step : 1, max_line, max_event, &pieces);
	if (whole.len != pieces.len || (whole.len && memcmp(whole.data, pieces.data, whole.len)))
		__builtin_trap();
	yk_buf_release(&whole);
	yk_buf_release(&pieces);

	struct llm_chat_stream s;
	size_t total = 0;
	llm_chat_stream_init(&s, count_delta, &total, 1);
	int rc = llm_chat_stream_feed(&s, (const char *)data, size);
	if (rc == 0)
		rc = llm_chat_stream_finish(&s);
	size_t clen;
	(void)llm_chat_stream_content(&s, &clen);
	if (clen != total)
		__builtin_trap();
	llm_chat_stream_release(&s);

	char msg[512];
	(void)llm_error_from_body(size ? 400 + data[0] % 200 : 0, (const char *)data, size, msg,
				  sizeof(msg));
	if (!yk_utf8_valid(msg, strlen(msg), NULL))
		__builtin_trap();
	return 0;
}
