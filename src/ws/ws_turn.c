/* ws/turn: one question and its answer — preparation (template, guard,
 * storage of the masked question, retrieval for grounded answers), the
 * model call with the reply restored as it streams, storage of the masked
 * answer, usage accounting, and the citation check. See ws.h. */
#include <string.h>

#include "kb/kb.h"
#include "llm/llm.h"
#include "qa/qa.h"
#include "usage/usage.h"
#include "ws_int.h"
#include "core/banned.h"

#define WS_CHAT_SYSTEM                                                                          \
	"あなたは市役所の職員の仕事を手伝うアシスタントです。日本語で、正確かつ簡潔に答えてください。" \
	"〔氏名1〕や〔電話1〕のように〔〕で囲まれた記号は、個人情報を伏せた置き換えです。"           \
	"記号はそのままの形で使い、中身を推測しないでください。"

#define WS_GROUND_SYSTEM                                                                          \
	"あなたは市役所の職員からの質問に、与えられた資料だけを根拠に答えるアシスタントです。"      \
	"資料は [1] [2] のように番号が付いています。回答の各文の末尾に、根拠とした資料の番号を"      \
	"[1] のように必ず付けてください。資料に書かれていないことは答えず、資料から分からない"      \
	"ときは「分かりません」と答えてください。〔〕で囲まれた記号は個人情報を伏せた置き換えです。"

struct ws_turn {
	struct pii_guard *guard;       /* for masking the reply before storing */
	struct pii_mapping *map;
	int slot;                      /* mapping slot, -1 = owned by the turn */
	enum pii_policy policy;
	struct pii_counts counts;
	int store;
	int64_t conversation_id;
	int64_t template_id;
	int64_t user_id, department_id;
	const char *feature;           /* "chat", "template", "ask_generate" */
	const char *system;            /* static prompt */
	char *masked;                  /* the user's text, masked (stored, shown in meta) */
	char *sent;                    /* what the model gets as the last user message */
	json_t *history;               /* [{role, content}] earlier messages, masked */
	json_t *sources;               /* generate: [{n, id, title, url}] */
	size_t nsources;
	int needs_model;
	int no_stream;
};

void ws_turn_free(struct ws *ws, struct ws_turn *t)
{
	if (!t)
		return;
	ws__mapping_give(ws, t->slot, t->map);
	pii_guard_free(t->guard);
	free(t->masked);
	free(t->sent);
	json_decref(t->history);
	json_decref(t->sources);
	free(t);
}

static int check_text(const char *text, size_t len, const char *field, struct yk_errinfo *ei)
{
	yk_errinfo_at(ei, NULL, 0, field);
	if (len > WS_TEXT_MAX)
		return yk_errinfo_set(ei, YK_EINVAL, "文章が長すぎます（%d バイトまで）", WS_TEXT_MAX);
	if (!yk_utf8_valid(text, len, NULL) || memchr(text, 0, len))
		return yk_errinfo_set(ei, YK_EUTF8, "文字コードが正しくありません（UTF-8 ではありません）");
	return 0;
}

/* Audit entry with the counts per type only. */
static int audit_pii(struct store *db, const struct ws_user *who, const struct ws_turn *t,
		     const char *outcome, struct yk_errinfo *ei)
{
	struct audit_actor a;
	ws__actor(who, &a);
	char target[48];
	snprintf(target, sizeof(target), "conversation:%lld", (long long)t->conversation_id);
	json_t *d = json_pack("{s:s, s:s, s:s, s:o, s:I}", "feature", t->feature, "policy",
			      ws__policy_name(t->policy), "outcome", outcome, "counts",
			      ws__counts_json(&t->counts), "total", (json_int_t)t->counts.total);
	char *detail = json_dumps(d, JSON_COMPACT);
	json_decref(d);
	int rc = audit_record(db, &a, "ws.pii", target, detail, NULL);
	free(detail);
	return rc ? yk_errinfo_set(ei, rc, "audit log write failed") : 0;
}

/* Runs the guard over text: counts, the masked text (always: it is what we
 * store) and what is sent. Block with findings: YK_EPII_BLOCKED naming the
 * types. */
static int guard_text(struct ws *ws, struct store *db, const struct ws_user *who,
		      struct ws_turn *t, const char *text, size_t len, json_t **blocked,
		      struct yk_errinfo *ei)
{
	struct pii_findings f = {0};
	struct yk_buf masked;
	yk_buf_init(&masked, 2 * WS_TEXT_MAX + 1024);
	int rc;
	if (!t->guard && (rc = ws__guard(ws, db, &t->guard, ei)))
		goto out;
	t->policy = pii_guard_policy(t->guard);
	if ((rc = pii_guard_scan(t->guard, text, len, &f)))
		goto out;
	const struct pii_span *spans = f.v;
	size_t n = f.n;
	memset(&t->counts, 0, sizeof(t->counts));
	for (size_t i = 0; i < n; i++) {
		t->counts.n[spans[i].type]++;
		t->counts.total++;
	}
	if (t->policy == PII_POLICY_BLOCK && n > 0) {
		char types[512] = "";
		size_t k = 0;
		for (int ty = 0; ty < PII_TYPE_COUNT; ty++)
			if (t->counts.n[ty])
				k += (size_t)snprintf(types + k, k < sizeof(types) ? sizeof(types) - k : 0,
						      "%s%s", k ? "、" : "",
						      pii_type_label((enum pii_type)ty));
		if (blocked) {
			json_t *ty = json_array();
			for (int k2 = 0; k2 < PII_TYPE_COUNT; k2++)
				if (t->counts.n[k2])
					json_array_append_new(
						ty, json_string(pii_type_name((enum pii_type)k2)));
			*blocked = json_pack("{s:o, s:o}", "types", ty, "counts",
					     ws__counts_json(&t->counts));
		}
		if (db && audit_pii(db, who, t, "blocked", ei) != 0)
			yk_log(YK_LOG_WARN, "ws: audit of a blocked text failed");
		if (db && usage_record(db, &(struct usage_event){
					  .user_id = who->user_id, .department_id = who->department_id,
					  .feature = t->feature, .outcome = "blocked",
					  .ref_id = t->conversation_id,
					  .template_id = t->template_id}) != 0)
			yk_log(YK_LOG_WARN, "ws: usage event not recorded");
		rc = yk_errinfo_set(ei, YK_EPII_BLOCKED,
				    "個人情報（%s）が含まれているため送信できません。該当部分を削除してからお試しください",
				    types);
		goto out;
	}
	if ((rc = ws__mapping_take(ws, t->conversation_id, &t->map, &t->slot))) {
		if (rc == YK_EBUSY)
			yk_errinfo_set(ei, rc, "この会話では回答を作成中です。終わってからお試しください");
		goto out;
	}
	if ((rc = pii_mask_spans(t->map, text, len, spans, n, &masked))) {
		/* the conversation's placeholders, not the text's length (the
		 * caller's message for a YK_ELIMIT without one) */
		if (rc == YK_ELIMIT && pii_mapping_full(t->map))
			yk_errinfo_set(ei, rc,
				       "この会話に出てきた個人情報の値が多すぎます（1 つの会話で %d 種類まで）。新しい会話でお試しください",
				       PII_MAPPING_MAX);
		goto out;
	}
	if ((rc = yk_buf_addc(&masked, '\0')))
		goto out;
	t->masked = yk_buf_detach(&masked, NULL);
	t->sent = t->policy == PII_POLICY_WARN ? yk_xstrndup(text, len) : yk_xstrdup(t->masked);
out:
	if (rc == YK_EMORPH)
		yk_errinfo_set(ei, rc, "%s", yk_err_message(rc));
	pii_findings_release(&f);
	yk_buf_release(&masked);
	return rc;
}

/* Stores the masked question: a new conversation when needed (its mapping
 * is then kept under the new id), the message, and the history. */
static int store_question(struct ws *ws, struct store *db, const struct ws_user *who,
			  struct ws_turn *t, const char *kind, struct yk_errinfo *ei)
{
	int rc;
	int64_t msg_id = 0;
	char counts[256];
	pii_counts_format(&t->counts, counts, sizeof(counts));
	if (!t->conversation_id) {
		if ((rc = ws__conversation_create(db, who, kind, t->masked, strlen(t->masked),
						  t->template_id, &t->conversation_id, ei)))
			return rc;
		if (t->slot < 0) {
			int slot = ws__mapping_keep(ws, t->conversation_id, t->map);
			if (slot >= 0)
				t->slot = slot;
		}
	}
	if ((rc = ws__message_add(db, t->conversation_id, "user", t->masked, strlen(t->masked),
				  counts, NULL, &msg_id, ei)))
		return rc;
	if (t->template_id && ws__template_used(db, t->template_id) != 0)
		yk_log(YK_LOG_WARN, "ws: template usage count not updated");
	return ws__history(db, t->conversation_id, msg_id, &t->history, ei);
}

int ws_chat_prepare(struct ws *ws, struct store *db, const struct ws_user *who,
		    const struct ws_chat_input *in, struct ws_turn **out, json_t **blocked,
		    struct yk_errinfo *ei)
{
	*out = NULL;
	if (blocked)
		*blocked = NULL;
	const char *text = in->text ? in->text : "";
	size_t len = strlen(text);
	struct yk_buf prompt;
	yk_buf_init(&prompt, WS_TEXT_MAX + WS_TEMPLATE_BODY_MAX +
				     WS_TEMPLATE_VARS_MAX * (size_t)WS_VAR_VALUE_MAX);
	json_t *tpl = NULL;
	struct ws_turn *t = yk_xcalloc(1, sizeof(*t));
	t->slot = -1;
	t->store = in->store && who->user_id > 0;
	t->user_id = who->user_id;
	t->department_id = who->department_id;
	t->feature = in->feature ? in->feature : in->template_id ? "template" : "chat";
	t->system = in->system && *in->system ? in->system : WS_CHAT_SYSTEM;
	t->needs_model = 1;
	t->no_stream = in->no_stream;
	int rc;
	if ((rc = check_text(text, len, "text", ei)))
		goto fail;
	if (!in->template_id && len == 0) {
		yk_errinfo_at(ei, NULL, 0, "text");
		rc = yk_errinfo_set(ei, YK_EINVAL, "質問や依頼の文章を入力してください");
		goto fail;
	}
	if (t->store && (rc = ws_purge(db, yk_now_unix(), NULL, ei)))
		goto fail;
	if (in->conversation_id > 0) {
		if (!t->store) {
			rc = yk_errinfo_set(ei, YK_ENOTFOUND, "会話が見つかりません");
			goto fail;
		}
		if ((rc = ws__conversation_check_owner(db, who, in->conversation_id, ei)))
			goto fail;
		t->conversation_id = in->conversation_id;
	}
	if (in->template_id) {
		if ((rc = ws_template_get(db, who, in->template_id, &tpl, ei)))
			goto fail;
		const char *body = json_string_value(json_object_get(tpl, "body"));
		if ((rc = ws_template_render(body, strlen(body), json_object_get(tpl, "variables"),
					     in->vars, &prompt, ei)))
			goto fail;
		t->template_id = in->template_id;
		if (len && ((rc = yk_buf_adds(&prompt, "\n\n"))))
			goto fail;
	} else if (in->vars && json_object_size(in->vars) > 0) {
		yk_errinfo_at(ei, NULL, 0, "vars");
		rc = yk_errinfo_set(ei, YK_EINVAL, "「vars」はテンプレートと一緒に指定してください");
		goto fail;
	}
	if ((rc = yk_buf_add(&prompt, text, len)))
		goto fail;
	if ((rc = guard_text(ws, db, who, t, prompt.data, prompt.len, blocked, ei)))
		goto fail;
	if (t->store && (rc = store_question(ws, db, who, t, "chat", ei)))
		goto fail;
	if (t->counts.total && db && (rc = audit_pii(db, who, t, "sent", ei)))
		goto fail;
	json_decref(tpl);
	yk_buf_release(&prompt);
	*out = t;
	return 0;
fail:
	if (rc == YK_ELIMIT && !ei->message[0])
		yk_errinfo_set(ei, rc, "文章が長すぎます");
	json_decref(tpl);
	yk_buf_release(&prompt);
	ws_turn_free(ws, t);
	return rc;
}

/* Appends source text cut to WS_SOURCE_CHARS code points. */
static int add_cut(struct yk_buf *b, const char *s)
{
	size_t i = 0, cps = 0, n = strlen(s);
	while (i < n && cps < WS_SOURCE_CHARS) {
		i++;
		while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		cps++;
	}
	int rc = yk_buf_add(b, s, i);
	return rc ? rc : i < n ? yk_buf_adds(b, "…") : 0;
}

/* Retrieval for a grounded answer: the numbered sources and the user
 * message with them. */
static int ground(struct qa *qa, struct store *db, const struct ws_user *who, struct ws_turn *t,
		  struct yk_errinfo *ei)
{
	struct qa_answer res;
	struct qa_asker asker = {QA_CHANNEL_STAFF, who->user_id, who->department_id};
	int rc = qa_ask(qa, db, &asker, t->masked, strlen(t->masked), &res, ei);
	if (rc)
		return rc;
	struct yk_buf msg;
	yk_buf_init(&msg, WS_TEXT_MAX + WS_SOURCES_MAX * (WS_SOURCE_CHARS * 4 + 1024));
	t->sources = json_array();
	rc = yk_buf_addf(&msg, "質問: %s\n\n資料:\n", t->sent);
	for (size_t i = 0; i < res.n_sources; i++) {
		if (rc || res.decision == QA_UNKNOWN || t->nsources >= WS_SOURCES_MAX)
			break;
		const struct qa_source *s = &res.sources[i];
		const char *title = s->faq || s->title[0] ? s->title : s->heading_path;
		size_t n = ++t->nsources;
		rc = yk_buf_addf(&msg, "[%zu] %s\n", n, title);
		if (!rc)
			rc = add_cut(&msg, s->text);
		if (!rc)
			rc = yk_buf_adds(&msg, "\n\n");
		/* source: where staff find it ("職員が登録した FAQ" for an entry
		 * added on screen, not an empty file name); fallback: the FAQ
		 * answer qa found, shown by the page when the model fails. */
		int direct = s->faq && n == 1 && res.decision == QA_ANSWER;
		json_array_append_new(t->sources,
				      json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s?}", "n", (json_int_t)n,
						"id", (json_int_t)s->id, "title", title, "url", s->url,
						"kind", s->faq ? "faq" : "passage", "source",
						s->source_name[0] ? s->source_name : s->faq ? WS_STAFF_FAQ_LABEL : "",
						"fallback", direct ? s->text : NULL));
	}
	qa_answer_release(&res);
	if (!rc && t->nsources > 0) {
		free(t->sent);
		t->sent = yk_buf_detach(&msg, NULL);
	}
	t->needs_model = t->nsources > 0;
	yk_buf_release(&msg);
	return rc;
}

int ws_generate_prepare(struct ws *ws, struct qa *qa, struct store *db, const struct ws_user *who,
			const char *question, size_t len, int store, struct ws_turn **out,
			json_t **blocked, struct yk_errinfo *ei)
{
	*out = NULL;
	if (blocked)
		*blocked = NULL;
	struct ws_turn *t = yk_xcalloc(1, sizeof(*t));
	t->slot = -1;
	t->store = store && who->user_id > 0;
	t->user_id = who->user_id;
	t->department_id = who->department_id;
	t->feature = "ask_generate";
	t->system = WS_GROUND_SYSTEM;
	int rc;
	/* The question's one check (QA_QUESTION_MAX, UTF-8), shared with qa. */
	if ((rc = qa_question_check(&question, &len, ei)))
		goto fail;
	if (t->store && (rc = ws_purge(db, yk_now_unix(), NULL, ei)))
		goto fail;
	if ((rc = guard_text(ws, db, who, t, question, len, blocked, ei)) ||
	    (rc = ground(qa, db, who, t, ei)))
		goto fail;
	if (t->store && (rc = store_question(ws, db, who, t, "generate", ei)))
		goto fail;
	/* A grounded question stands alone: no earlier turns are sent. */
	json_decref(t->history);
	t->history = NULL;
	if (t->counts.total && (rc = audit_pii(db, who, t, "sent", ei)))
		goto fail;
	*out = t;
	return 0;
fail:
	ws_turn_free(ws, t);
	return rc;
}

json_t *ws_turn_meta(const struct ws_turn *t)
{
	json_t *m = json_pack("{s:I, s:s, s:{s:s, s:o, s:I}}", "conversation_id",
			      (json_int_t)t->conversation_id, "masked", t->masked, "pii", "policy",
			      ws__policy_name(t->policy), "counts", ws__counts_json(&t->counts),
			      "total", (json_int_t)t->counts.total);
	if (t->sources)
		json_object_set(m, "sources", t->sources);
	return m;
}

int ws_turn_needs_model(const struct ws_turn *t)
{
	return t->needs_model;
}

/* ---- citations ----------------------------------------------------------------- */

/* Decodes one "digit" at s (ASCII or full-width); -1 if none. *w = bytes. */
static int digit_at(const unsigned char *s, size_t left, size_t *w)
{
	if (left >= 1 && s[0] >= '0' && s[0] <= '9') {
		*w = 1;
		return s[0] - '0';
	}
	if (left >= 3 && s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99) {
		*w = 3;
		return s[2] - 0x90;
	}
	return -1;
}

/* Bytes of a separator inside brackets (",", "、", "，", " "), else 0. */
static size_t sep_at(const unsigned char *s, size_t left)
{
	if (left >= 1 && (s[0] == ',' || s[0] == ' '))
		return 1;
	if (left >= 3 && ((s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x81) ||
			  (s[0] == 0xEF && s[1] == 0xBC && s[2] == 0x8C)))
		return 3;
	return 0;
}

static size_t open_at(const unsigned char *s, size_t left)
{
	if (left >= 1 && s[0] == '[')
		return 1;
	if (left >= 3 && ((s[0] == 0xEF && s[1] == 0xBC && s[2] == 0xBB) || /* ［ */
			  (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x90)))   /* 【 */
		return 3;
	return 0;
}

static size_t close_at(const unsigned char *s, size_t left)
{
	if (left >= 1 && s[0] == ']')
		return 1;
	if (left >= 3 && ((s[0] == 0xEF && s[1] == 0xBC && s[2] == 0xBD) || /* ］ */
			  (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x91)))   /* 】 */
		return 3;
	return 0;
}

void ws_citations_check(const char *answer, size_t len, size_t nsources,
			struct ws_citations *out)
{
	memset(out, 0, sizeof(*out));
	const unsigned char *s = (const unsigned char *)answer;
	size_t i = 0;
	while (i < len) {
		size_t ow = open_at(s + i, len - i);
		if (!ow) {
			i++;
			continue;
		}
		/* Parse "n(, n)*" up to the closing bracket. */
		size_t j = i + ow, w;
		unsigned nums[8];
		size_t nn = 0;
		int ok = 0;
		for (;;) {
			unsigned v = 0;
			int digits = 0, d;
			while (j < len && (d = digit_at(s + j, len - j, &w)) >= 0 && digits < 4) {
				v = v * 10 + (unsigned)d;
				digits++;
				j += w;
			}
			if (!digits || nn == YK_ARRAY_LEN(nums))
				break;
			nums[nn++] = v;
			size_t cw = close_at(s + j, len - j);
			if (cw) {
				j += cw;
				ok = 1;
				break;
			}
			size_t sw = 0, k;
			while ((k = sep_at(s + j + sw, len - j - sw)) > 0)
				sw += k;
			if (!sw)
				break;
			j += sw;
		}
		if (!ok) {
			i += ow;
			continue;
		}
		for (size_t k = 0; k < nn; k++) {
			if (nums[k] < 1 || nums[k] > nsources) {
				out->invalid++;
				continue;
			}
			int seen = 0;
			for (size_t m = 0; m < out->n && !seen; m++)
				seen = out->cited[m] == nums[k];
			if (!seen && out->n < WS_CITATIONS_MAX)
				out->cited[out->n++] = nums[k];
		}
		i = j;
	}
	out->verified = out->n > 0 && out->invalid == 0;
}

/* ---- running a turn ------------------------------------------------------------ */

/* Restores the reply as it streams: text up to a possibly incomplete
 * placeholder ("〔" without its "〕" yet) is restored and passed on; the
 * rest waits for the next piece. */
struct restorer {
	const struct pii_mapping *map;
	struct yk_buf raw;   /* the reply as the model wrote it */
	size_t passed;       /* raw bytes already restored and passed on */
	struct yk_buf tmp;
	ws_delta_fn on_delta;
	void *ctx;
};

static int restorer_flush(struct restorer *r, size_t upto)
{
	if (upto <= r->passed)
		return 0;
	yk_buf_reset(&r->tmp);
	int rc = pii_restore(r->map, r->raw.data + r->passed, upto - r->passed, &r->tmp);
	r->passed = upto;
	if (rc)
		return rc;
	return r->tmp.len && r->on_delta ? r->on_delta(r->ctx, r->tmp.data, r->tmp.len) : 0;
}

static int restorer_delta(void *ctx, const char *text, size_t len)
{
	struct restorer *r = ctx;
	if (yk_buf_add(&r->raw, text, len) != 0)
		return 1;
	size_t safe = r->raw.len;
	static const char open[] = "〔", close[] = "〕";
	for (size_t i = r->raw.len; i > r->passed; i--) {
		size_t p = i - 1;
		if (p + 3 <= r->raw.len && memcmp(r->raw.data + p, close, 3) == 0)
			break; /* the last bracket is closed */
		if (p + 3 <= r->raw.len && memcmp(r->raw.data + p, open, 3) == 0) {
			if (r->raw.len - p < PII_PLACEHOLDER_MAX)
				safe = p; /* may still become a placeholder */
			break;
		}
	}
	/* Pieces from llm are whole UTF-8 characters, so safe never splits one. */
	return restorer_flush(r, safe) != 0;
}

static json_t *citations_json(const struct ws_citations *c)
{
	json_t *a = json_array();
	for (size_t i = 0; i < c->n; i++)
		json_array_append_new(a, json_integer(c->cited[i]));
	return a;
}

static const char *outcome_name(int rc)
{
	return rc == 0 ? "ok" : rc == YK_ECANCELED ? "canceled" : "error";
}

/* Masks the reply for storage (the model may have written personal data
 * itself, or echoed it under the warn policy). */
static int store_answer(struct ws_turn *t, struct store *db, const char *reply, size_t len,
			json_t *meta, struct yk_errinfo *ei)
{
	struct yk_buf masked;
	yk_buf_init(&masked, 2 * LLM_MAX_REPLY_BYTES);
	struct pii_counts counts;
	char cstr[256] = "";
	int rc = 0;
	if (len > 0 && t->guard) {
		if ((rc = pii_guard_mask(t->guard, t->map, PII_POLICY_MASK, reply, len, &masked,
					 &counts))) {
			if (rc == YK_ELIMIT && pii_mapping_full(t->map))
				yk_errinfo_set(ei, rc,
					       "この会話に出てきた個人情報の値が多すぎます（1 つの会話で %d 種類まで）",
					       PII_MAPPING_MAX);
			goto out;
		}
		pii_counts_format(&counts, cstr, sizeof(cstr));
	} else if ((rc = yk_buf_add(&masked, reply, len))) {
		goto out;
	}
	char *m = json_dumps(meta, JSON_COMPACT);
	rc = ws__message_add(db, t->conversation_id, "assistant", masked.data ? masked.data : "",
			     masked.len, cstr, m, NULL, ei);
	free(m);
out:
	yk_buf_release(&masked);
	return rc;
}

static void record_usage(struct store *db, const struct ws_turn *t, const char *model,
			 const struct llm_usage_counts *u, int64_t latency_ms, int rc,
			 const char *outcome)
{
	if (!db)
		return; /* the CLI without a database */
	if (model) {
		struct llm_usage_record rec = {0};
		struct yk_errinfo uei;
		yk_errinfo_clear(&uei);
		rec.user_id = t->user_id;
		rec.department_id = t->department_id;
		rec.feature = t->feature;
		rec.template_id = t->template_id;
		rec.model = model;
		rec.usage = *u;
		rec.latency_ms = latency_ms;
		rec.outcome = rc;
		if (llm_usage_record(db, &rec, &uei) != 0)
			yk_log(YK_LOG_WARN, "ws: llm usage not recorded: %s", uei.message);
	}
	if (usage_record(db, &(struct usage_event){
				 .user_id = t->user_id, .department_id = t->department_id,
				 .feature = t->feature, .outcome = outcome,
				 .ref_id = t->conversation_id, .latency_ms = latency_ms,
				 .template_id = t->template_id}) != 0)
		yk_log(YK_LOG_WARN, "ws: usage event not recorded");
}

int ws_turn_run(struct ws *ws, struct store *db, struct ws_turn *t, const struct llm_config *cfg,
		atomic_int *cancel, ws_delta_fn on_delta, void *ctx, json_t **done,
		struct yk_errinfo *ei)
{
	(void)ws;
	*done = NULL;
	int rc = 0;
	if (!t->needs_model) {
		const char *a = WS_UNKNOWN_ANSWER;
		if (on_delta && on_delta(ctx, a, strlen(a)) != 0)
			rc = YK_ECANCELED;
		json_t *meta = json_pack("{s:s, s:[], s:b, s:n, s:b}", "outcome",
					 rc ? "canceled" : "unknown", "citations", "verified", 0,
					 "label", "unknown", 1);
		if (t->store && store_answer(t, db, a, strlen(a), meta, ei) != 0)
			yk_log(YK_LOG_WARN, "ws: answer not stored: %s", ei->message);
		json_decref(meta);
		record_usage(db, t, NULL, NULL, 0, rc, rc ? "canceled" : "unknown");
		if (rc)
			return yk_errinfo_set(ei, rc, "%s", llm_error_staff_message(rc));
		*done = json_pack("{s:n, s:[], s:b, s:n, s:b}", "usage", "citations", "verified", 0,
				  "label", "unknown", 1);
		return 0;
	}
	struct llm_message msgs[2 + WS_HISTORY_MESSAGES_MAX];
	size_t nm = 0;
	msgs[nm++] = (struct llm_message){"system", t->system};
	size_t i;
	const json_t *h;
	json_array_foreach(t->history, i, h) {
		if (nm >= YK_ARRAY_LEN(msgs) - 1)
			break;
		msgs[nm++] = (struct llm_message){json_string_value(json_object_get(h, "role")),
						  json_string_value(json_object_get(h, "content"))};
	}
	msgs[nm++] = (struct llm_message){"user", t->sent};

	struct restorer r = {t->map, {0}, 0, {0}, on_delta, ctx};
	yk_buf_init(&r.raw, LLM_MAX_REPLY_BYTES);
	yk_buf_init(&r.tmp, 0);
	struct llm_chat_request req = {msgs, nm, !t->no_stream, restorer_delta, &r, cancel};
	struct llm_chat_result res;
	rc = llm_chat(cfg, &req, &res, ei);
	if (rc == 0 && restorer_flush(&r, r.raw.len) != 0)
		rc = YK_ECANCELED;

	struct ws_citations cit;
	ws_citations_check(res.content, res.content_len, t->nsources, &cit);
	int verified = t->nsources > 0 && cit.verified;
	const char *outcome = outcome_name(rc);
	if (t->store) {
		struct yk_errinfo sei;
		yk_errinfo_clear(&sei);
		json_t *meta = json_pack("{s:s, s:o, s:b, s:s, s:I}", "outcome", outcome, "citations",
					 citations_json(&cit), "verified", verified, "label",
					 WS_AI_LABEL, "invalid_citations", (json_int_t)cit.invalid);
		if (store_answer(t, db, res.content, res.content_len, meta, &sei) != 0)
			yk_log(YK_LOG_WARN, "ws: answer not stored: %s", sei.message);
		json_decref(meta);
	}
	record_usage(db, t, cfg->model, &res.usage, res.latency_ms, rc, outcome);
	if (rc == 0) {
		json_t *usage = res.usage.prompt_tokens >= 0 || res.usage.completion_tokens >= 0
					? json_pack("{s:I, s:I}", "prompt_tokens",
						    (json_int_t)res.usage.prompt_tokens,
						    "completion_tokens",
						    (json_int_t)res.usage.completion_tokens)
					: json_null();
		*done = json_pack("{s:o, s:o, s:b, s:s, s:s, s:I}", "usage", usage, "citations",
				  citations_json(&cit), "verified", verified, "label", WS_AI_LABEL,
				  "finish_reason", res.finish_reason, "invalid_citations",
				  (json_int_t)cit.invalid);
	} else if (res.upstream_message[0]) {
		yk_log(YK_LOG_WARN, "ws: model request failed: %s", res.upstream_message);
	}
	llm_chat_result_release(&res);
	yk_buf_release(&r.raw);
	yk_buf_release(&r.tmp);
	return rc;
}
