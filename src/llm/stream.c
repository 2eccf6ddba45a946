/* llm/stream: the pure half of the LLM client. An incremental
 * server-sent-events parser, the chat.completion.chunk decoder on top of
 * it, and the mapping of OpenAI-style error bodies to yk_err. No I/O, no
 * globals: client.c feeds these from libcurl, the tests and the fuzz target
 * feed them bytes directly. See llm.h for the contract. */
#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "llm/llm.h"
#include "core/banned.h"

/* ---- server-sent events --------------------------------------------------- */

#define SSE_MAX_EVENT_NAME 256

void llm_sse_init(struct llm_sse_parser *p, size_t max_line, size_t max_event,
		  llm_sse_event_fn on_event, void *ctx)
{
	memset(p, 0, sizeof(*p));
	p->max_line = max_line ? max_line : LLM_SSE_MAX_LINE;
	yk_buf_init(&p->line, p->max_line);
	/* +1: every data field is stored with its "\n"; the last one is
	 * dropped before dispatch, so an event of exactly max_event fits. */
	yk_buf_init(&p->data, (max_event ? max_event : LLM_SSE_MAX_EVENT) + 1);
	yk_buf_init(&p->event, SSE_MAX_EVENT_NAME);
	p->retry_ms = -1;
	p->on_event = on_event;
	p->ctx = ctx;
}

void llm_sse_release(struct llm_sse_parser *p)
{
	yk_buf_release(&p->line);
	yk_buf_release(&p->data);
	yk_buf_release(&p->event);
}

static int sse_dispatch(struct llm_sse_parser *p)
{
	int rc = 0;
	if (p->data.len > 0) {
		p->data.len--; /* the "\n" after the last data field */
		p->data.data[p->data.len] = '\0';
		struct llm_sse_event ev = {p->event.data ? p->event.data : "", p->event.len,
					   p->data.data, p->data.len};
		if (p->on_event)
			rc = p->on_event(p->ctx, &ev);
	}
	yk_buf_reset(&p->data);
	yk_buf_reset(&p->event);
	return rc;
}

static int field_is(const char *f, size_t flen, const char *name)
{
	size_t n = strlen(name);
	return flen == n && memcmp(f, name, n) == 0;
}

/* One complete line without its terminator. */
static int sse_line(struct llm_sse_parser *p, const char *l, size_t n)
{
	if (n == 0)
		return sse_dispatch(p);
	if (l[0] == ':')
		return 0; /* comment, keep-alive */
	const char *colon = memchr(l, ':', n);
	size_t flen = colon ? (size_t)(colon - l) : n;
	const char *v = colon ? colon + 1 : l + n;
	size_t vlen = colon ? n - flen - 1 : 0;
	if (vlen > 0 && *v == ' ') {
		v++;
		vlen--;
	}
	if (field_is(l, flen, "data")) {
		if (yk_buf_add(&p->data, v, vlen) != 0 || yk_buf_addc(&p->data, '\n') != 0)
			return YK_ELIMIT;
	} else if (field_is(l, flen, "event")) {
		yk_buf_reset(&p->event);
		if (yk_buf_add(&p->event, v, vlen) != 0)
			return YK_ELIMIT;
	} else if (field_is(l, flen, "retry")) {
		int64_t ms;
		int digits = vlen > 0;
		for (size_t i = 0; i < vlen; i++)
			if (v[i] < '0' || v[i] > '9')
				digits = 0;
		if (digits && yk_parse_i64(v, vlen, 0, INT64_MAX, &ms) == 0)
			p->retry_ms = ms;
	}
	/* "id" and unknown fields: nothing to do for a one-shot stream. */
	return 0;
}

static const char *next_byte(const char *s, const char *end, int c)
{
	const char *r = memchr(s, c, (size_t)(end - s));
	return r ? r : end;
}

int llm_sse_feed(struct llm_sse_parser *p, const char *bytes, size_t len)
{
	static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
	if (p->failed)
		return p->failed;
	const char *s = bytes, *end = bytes + len;
	int rc = 0;
	while (p->bom_state < 3 && s < end) {
		if ((unsigned char)*s == bom[p->bom_state]) {
			p->bom_state++;
			s++;
			continue;
		}
		/* Not a BOM after all: the bytes matched so far are content. */
		if (p->bom_state > 0 && yk_buf_add(&p->line, bom, (size_t)p->bom_state) != 0) {
			rc = YK_ELIMIT;
			goto out;
		}
		p->bom_state = 3;
	}
	if (p->skip_lf && s < end) {
		if (*s == '\n')
			s++;
		p->skip_lf = 0;
	}
	/* Next CR and LF are found once per chunk and refreshed only when
	 * passed, so a chunk is scanned in linear time. */
	const char *lf = next_byte(s, end, '\n');
	const char *cr = next_byte(s, end, '\r');
	while (s < end) {
		if (lf < s)
			lf = next_byte(s, end, '\n');
		if (cr < s)
			cr = next_byte(s, end, '\r');
		const char *eol = lf < cr ? lf : cr;
		if (eol == end) {
			if (yk_buf_add(&p->line, s, (size_t)(end - s)) != 0)
				rc = YK_ELIMIT;
			goto out;
		}
		size_t n = (size_t)(eol - s);
		if (p->line.len > 0) {
			if (yk_buf_add(&p->line, s, n) != 0) {
				rc = YK_ELIMIT;
				goto out;
			}
			rc = sse_line(p, p->line.data, p->line.len);
			yk_buf_reset(&p->line);
		} else if (n > p->max_line) {
			rc = YK_ELIMIT;
		} else {
			rc = sse_line(p, s, n);
		}
		if (rc)
			goto out;
		s = eol + 1;
		if (*eol == '\r') {
			if (s < end) {
				if (*s == '\n')
					s++;
			} else {
				p->skip_lf = 1;
			}
		}
	}
out:
	if (rc)
		p->failed = rc;
	return rc;
}

int llm_sse_finish(struct llm_sse_parser *p)
{
	int pending = p->line.len > 0 || p->data.len > 0;
	yk_buf_reset(&p->line);
	yk_buf_reset(&p->data);
	yk_buf_reset(&p->event);
	return pending;
}

/* ---- error bodies ------------------------------------------------------------ */

static int contains_ci(const char *s, const char *needle)
{
	return s && strcasestr(s, needle) != NULL;
}

/* Copies text for a log line: a valid UTF-8 prefix, controls as spaces. */
static void copy_log_text(char *out, size_t outsz, const char *s, size_t len)
{
	if (outsz == 0)
		return;
	size_t bad;
	if (!yk_utf8_valid(s, len, &bad))
		len = bad;
	if (len >= outsz) {
		len = outsz - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--; /* do not cut a character */
	}
	for (size_t i = 0; i < len; i++)
		out[i] = (unsigned char)s[i] < 0x20 ? ' ' : s[i];
	out[len] = '\0';
}

/* Reads the error object of root into msg and returns the mapped error.
 * status 0: the object came inside a 200 stream; its own numeric "code"
 * (vLLM) then stands for the status. */
static int error_from_json(long status, json_t *root, char *msg, size_t msgsz)
{
	const char *text = NULL, *type = NULL, *code = NULL;
	json_t *e = json_object_get(root, "error");
	if (json_is_object(e)) {
		text = json_string_value(json_object_get(e, "message"));
		type = json_string_value(json_object_get(e, "type"));
		json_t *c = json_object_get(e, "code");
		code = json_string_value(c);
		if (status == 0 && json_is_integer(c))
			status = (long)json_integer_value(c);
	} else if (json_is_string(e)) {
		text = json_string_value(e); /* Ollama: {"error": "..."} */
	} else {
		text = json_string_value(json_object_get(root, "message"));
		if (!text)
			text = json_string_value(json_object_get(root, "detail"));
	}
	char head[64];
	if (status)
		snprintf(head, sizeof(head), "HTTP %ld: ", status);
	else
		yk_strlcpy(head, "stream error: ", sizeof(head));
	char body[400];
	copy_log_text(body, sizeof(body), text ? text : "(no message)",
		      strlen(text ? text : "(no message)"));
	snprintf(msg, msgsz, "%s%s%s%s%s", head, body, code || type ? " [" : "",
		 code ? code : (type ? type : ""), code || type ? "]" : "");
	int context = (code && strcmp(code, "context_length_exceeded") == 0) ||
		      (type && strcmp(type, "exceed_context_size_error") == 0) ||
		      contains_ci(text, "context length") || contains_ci(text, "context_length") ||
		      contains_ci(text, "maximum context") || contains_ci(text, "context size") ||
		      contains_ci(text, "context window");
	if (context && (status == 0 || status == 400 || status == 413))
		return YK_ECONTEXT;
	if (status == 0) {
		if ((code && strstr(code, "rate_limit")) || (type && strstr(type, "rate_limit")))
			return YK_ERATE;
		return YK_EUPSTREAM;
	}
	if (status == 413)
		return YK_ECONTEXT;
	if (status == 401 || status == 403)
		return YK_EUPSTREAM_AUTH;
	if (status == 404)
		return YK_EMODEL;
	if (status == 429)
		return YK_ERATE;
	return YK_EUPSTREAM;
}

int llm_error_from_body(long status, const char *body, size_t len, char *upstream_msg,
			size_t msgsz)
{
	json_t *root = len > 0 ? json_loadb(body, len, 0, NULL) : NULL;
	int rc;
	if (json_is_object(root)) {
		rc = error_from_json(status, root, upstream_msg, msgsz);
	} else {
		/* Not JSON (a proxy's HTML page, plain text): map by status. */
		json_t *fake = json_object();
		char text[300];
		copy_log_text(text, sizeof(text), body ? body : "", len);
		json_object_set_new(fake, "message", json_string(text[0] ? text : "(empty body)"));
		rc = error_from_json(status, fake, upstream_msg, msgsz);
		json_decref(fake);
	}
	json_decref(root);
	return rc;
}

const char *llm_error_staff_message(int err)
{
	switch (err) {
	case YK_ENOTCONFIGURED:
		return "生成AIのサーバーが設定されていません。管理者に設定を依頼してください。";
	case YK_ECONTEXT:
		return "入力が長すぎて生成AIで処理できません。文章を短くするか、分けてお試しください。";
	case YK_EUPSTREAM_AUTH:
		return "生成AIサーバーの認証に失敗しました。管理者に API キーの確認を依頼してください。";
	case YK_EMODEL:
		return "生成AIのモデルまたは URL がサーバーに見つかりません。管理者に設定の確認を依頼してください。";
	case YK_ERATE:
		return "生成AIサーバーが混み合っています。しばらくしてからお試しください。";
	case YK_EUPSTREAM:
		return "生成AIサーバーでエラーが発生しました。しばらくしてからお試しください。";
	case YK_EUNREACHABLE:
		return "生成AIサーバーに接続できません。管理者にサーバーの状態と設定の確認を依頼してください。";
	case YK_ETIMEOUT:
		return "生成AIサーバーから時間内に応答がありませんでした。しばらくしてからお試しください。";
	case YK_ECANCELED:
		return "生成を中止しました。";
	case YK_ELIMIT:
		return "生成AIの回答が大きすぎるため、受け取りを中止しました。";
	default:
		return yk_err_message(err);
	}
}

/* ---- chat-completion stream --------------------------------------------------- */

/* Hands one text piece to the caller. The piece is valid UTF-8 without NUL
 * bytes: jansson rejects JSON whose strings are not (so a server that cuts
 * a character between two deltas fails the chunk with YK_EUPSTREAM instead
 * of passing broken text on). */
static int chat_deliver(struct llm_chat_stream *s, const char *t, size_t n)
{
	if (n == 0)
		return 0;
	if (s->keep_content && yk_buf_add(&s->content, t, n) != 0) {
		yk_strlcpy(s->upstream_message, "reply too long", sizeof(s->upstream_message));
		return YK_ELIMIT;
	}
	if (s->on_delta && s->on_delta(s->ctx, t, n) != 0)
		return YK_ECANCELED;
	return 0;
}

static void copy_field(char *out, size_t outsz, json_t *v)
{
	const char *s = json_string_value(v);
	if (s)
		copy_log_text(out, outsz, s, strlen(s));
}

static int64_t token_count(json_t *v)
{
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return -1;
	return (int64_t)json_integer_value(v);
}

static void read_usage(struct llm_usage_counts *u, json_t *root)
{
	json_t *usage = json_object_get(root, "usage");
	if (!json_is_object(usage))
		return;
	u->prompt_tokens = token_count(json_object_get(usage, "prompt_tokens"));
	u->completion_tokens = token_count(json_object_get(usage, "completion_tokens"));
}

static int chat_on_event(void *ctx, const struct llm_sse_event *ev)
{
	struct llm_chat_stream *s = ctx;
	int rc = 0;
	json_t *root = NULL;
	if (s->done)
		goto out; /* nothing counts after [DONE] */
	if (ev->data_len == 6 && memcmp(ev->data, "[DONE]", 6) == 0) {
		s->done = 1;
		goto out;
	}
	json_error_t je;
	root = json_loadb(ev->data, ev->data_len, 0, &je);
	if (!json_is_object(root)) {
		snprintf(s->upstream_message, sizeof(s->upstream_message),
			 "stream chunk is not a JSON object: %s", root ? "wrong type" : je.text);
		rc = YK_EUPSTREAM;
		goto out;
	}
	json_t *err = json_object_get(root, "error");
	if (err && !json_is_null(err)) {
		rc = s->upstream_err =
			error_from_json(0, root, s->upstream_message, sizeof(s->upstream_message));
		goto out;
	}
	s->nchunks++;
	read_usage(&s->usage, root);
	json_t *choices = json_object_get(root, "choices");
	size_t i;
	json_t *choice;
	json_array_foreach(choices, i, choice) {
		json_t *idx = json_object_get(choice, "index");
		if (idx && json_integer_value(idx) != 0)
			continue; /* we ask for one choice; ignore any other */
		json_t *delta = json_object_get(choice, "delta");
		copy_field(s->role, sizeof(s->role), json_object_get(delta, "role"));
		json_t *content = json_object_get(delta, "content");
		if (json_is_string(content) &&
		    (rc = chat_deliver(s, json_string_value(content), json_string_length(content))))
			goto out;
		copy_field(s->finish_reason, sizeof(s->finish_reason),
			   json_object_get(choice, "finish_reason"));
	}
out:
	json_decref(root);
	if (rc)
		s->stop_err = rc;
	return rc;
}

void llm_chat_stream_init(struct llm_chat_stream *s, llm_delta_fn on_delta, void *ctx,
			  int keep_content)
{
	memset(s, 0, sizeof(*s));
	llm_sse_init(&s->sse, 0, 0, chat_on_event, s);
	s->on_delta = on_delta;
	s->ctx = ctx;
	s->keep_content = keep_content;
	yk_buf_init(&s->content, LLM_MAX_REPLY_BYTES);
	s->usage.prompt_tokens = s->usage.completion_tokens = -1;
}

void llm_chat_stream_release(struct llm_chat_stream *s)
{
	llm_sse_release(&s->sse);
	yk_buf_release(&s->content);
}

int llm_chat_stream_feed(struct llm_chat_stream *s, const char *bytes, size_t len)
{
	return llm_sse_feed(&s->sse, bytes, len);
}

int llm_chat_stream_finish(struct llm_chat_stream *s)
{
	if (s->stop_err)
		return s->stop_err;
	if (s->sse.failed)
		return s->sse.failed;
	(void)llm_sse_finish(&s->sse);
	/* Only [DONE] proves that nothing was lost: a proxy or a crashed
	 * server can cut a stream right after a finish_reason chunk, before the
	 * usage chunk. */
	if (!s->done) {
		yk_strlcpy(s->upstream_message, "stream ended before data: [DONE]",
			   sizeof(s->upstream_message));
		return s->stop_err = YK_EUPSTREAM;
	}
	return 0;
}

const char *llm_chat_stream_content(const struct llm_chat_stream *s, size_t *len)
{
	if (len)
		*len = s->content.len;
	return s->content.data ? s->content.data : "";
}
