/* usage: the report's tables as CSV for Excel (UTF-8 with BOM, CRLF,
 * text cells quoted and guarded against formula injection, numbers bare),
 * and the Japanese names of features. See usage.h. */
#include <string.h>

#include "usage/usage.h"
#include "core/banned.h"

const char *const usage_adoption_tables[] = {"summary", "buckets", "departments", "tiers",
					     "features", "months", "weeks", "templates", NULL};

void usage_feature_label(const char *name, char *out, size_t outsz)
{
	static const struct {
		const char *name, *label;
	} known[] = {
		{"ask", "問い合わせAI（職員）"},
		{"ask_public", "問い合わせAI（住民）"},
		{"chat", "生成AIチャット"},
		{"template", "プロンプトテンプレート"},
		{"ask_generate", "出典付きの生成回答"},
	};
	for (size_t i = 0; i < YK_ARRAY_LEN(known); i++)
		if (strcmp(name, known[i].name) == 0) {
			yk_strlcpy(out, known[i].label, outsz);
			return;
		}
	if (yk_starts_with(name, "external:"))
		snprintf(out, outsz, "外部ツール（%s）", name + 9);
	else
		yk_strlcpy(out, name, outsz);
}

static int cell(struct yk_buf *out, const char *s)
{
	int rc = yk_buf_addc(out, '"');
	if (!rc && s[0] && strchr("=+-@\t\r", s[0]))
		rc = yk_buf_addc(out, '\'');
	for (const char *p = s; !rc && *p; p++) {
		if (*p == '"')
			rc = yk_buf_addc(out, '"');
		if (!rc)
			rc = yk_buf_addc(out, *p);
	}
	return rc ? rc : yk_buf_addc(out, '"');
}

/* One row: fmt letters s (text), i (int64), r (ratio as %.4f), n (int64,
 * empty when negative). */
static int row(struct yk_buf *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = 0;
	for (const char *f = fmt; !rc && *f; f++) {
		if (f != fmt)
			rc = yk_buf_addc(out, ',');
		if (rc)
			break;
		if (*f == 's') {
			rc = cell(out, va_arg(ap, const char *));
		} else if (*f == 'i') {
			rc = yk_buf_addf(out, "%lld", (long long)va_arg(ap, int64_t));
		} else if (*f == 'n') {
			int64_t v = va_arg(ap, int64_t);
			if (v >= 0)
				rc = yk_buf_addf(out, "%lld", (long long)v);
		} else {
			rc = yk_buf_addf(out, "%.4f", va_arg(ap, double));
		}
	}
	va_end(ap);
	return rc ? rc : yk_buf_adds(out, "\r\n");
}

static double ratio(int64_t a, int64_t b)
{
	return b > 0 ? (double)a / (double)b : 0;
}

static void month_label(int32_t month, char *out, size_t outsz)
{
	snprintf(out, outsz, "%04d-%02d", month / 12, month % 12 + 1);
}

static int csv_summary(const struct usage_adoption_report *r, struct yk_buf *out)
{
	char from[16], to[16];
	usage_format_date(r->from_day, from, sizeof(from));
	usage_format_date(r->to_day, to, sizeof(to));
	int rc;
	if ((rc = row(out, "ss", "項目", "値")) || (rc = row(out, "ss", "開始日", from)) ||
	    (rc = row(out, "ss", "終了日", to)) ||
	    (rc = row(out, "ss", "所属", r->department[0] ? r->department : "全体")) ||
	    (rc = row(out, "ss", "機能", r->feature[0] ? r->feature : "すべて")) ||
	    (rc = row(out, "si", "対象職員数", r->eligible)) ||
	    (rc = row(out, "si", "利用した職員数", r->active)) ||
	    (rc = row(out, "sr", "利用率", r->active_rate)) ||
	    (rc = row(out, "si", "利用回数", r->uses)) ||
	    (rc = row(out, "si", "直近30日の利用者数", r->active_30d)) ||
	    (rc = row(out, "si", "住民の質問数", r->citizen_questions)) ||
	    (rc = row(out, "si", "住民の質問に回答できた件数", r->citizen_answered)) ||
	    (rc = row(out, "si", "1回あたりの削減時間（分・設定値）", r->minutes_per_use)))
		return rc;
	if ((rc = row(out, "sr", "削減できた時間（時間・試算）",
		      (double)(r->uses + r->citizen_answered) * (double)r->minutes_per_use / 60.0)))
		return rc;
	if (!r->qa_filled)
		return 0;
	int64_t up = r->votes_up[1], all = r->votes_up[1] + r->votes_down[1];
	if ((rc = row(out, "si", "住民の評価（役に立った）", up)) ||
	    (rc = row(out, "si", "住民の評価（役に立たなかった）", r->votes_down[1])) ||
	    (all ? (rc = row(out, "sr", "住民の「役に立った」の割合", ratio(up, all)))
		 : (rc = row(out, "ss", "住民の「役に立った」の割合", ""))) ||
	    (rc = row(out, "si", "回答できなかった質問", r->unanswered)) ||
	    (rc = row(out, "si", "そのうち FAQ にした質問", r->unanswered_to_faq)))
		return rc;
	return row(out, "si", "未回答の質問から作った FAQ の件数", r->faq_entries_from_unanswered);
}

static int csv_buckets(const struct usage_adoption_report *r, struct yk_buf *out)
{
	int rc = row(out, "sss", "利用回数", "職員数", "利用者に占める割合");
	for (int b = 0; !rc && b < USAGE_BUCKETS; b++)
		rc = row(out, "sir", r->buckets[b].label, r->buckets[b].users, r->buckets[b].share);
	return rc;
}

static int csv_departments(const struct usage_adoption_report *r, struct yk_buf *out)
{
	int rc = row(out, "sssss", "所属", "対象職員数", "利用した職員数", "利用率", "利用回数");
	for (size_t i = 0; !rc && i < r->n_departments; i++) {
		const struct usage_dept_row *d = &r->departments[i];
		rc = row(out, "siiri", d->path, d->eligible, d->active, ratio(d->active, d->eligible),
			 d->uses);
	}
	return rc;
}

static int csv_tiers(const struct usage_adoption_report *r, struct yk_buf *out)
{
	int rc = row(out, "sssss", "区分", "対象職員数", "利用した職員数", "利用率", "利用回数");
	for (int t = 0; !rc && t < USAGE_TIERS; t++) {
		const struct usage_tier_row *x = &r->tiers[t];
		if (x->suppressed)
			rc = row(out, "sisss", x->tier, x->eligible, "（少人数のため非表示）", "", "");
		else
			rc = row(out, "siiri", x->tier, x->eligible, x->active,
				 ratio(x->active, x->eligible), x->uses);
	}
	return rc;
}

static int csv_features(const struct usage_adoption_report *r, struct yk_buf *out)
{
	int rc = row(out, "ssssssss", "機能", "機能名", "利用回数（職員）", "利用した職員数",
		     "利用回数（住民を含む）", "回答", "もしかして", "分かりません");
	for (size_t i = 0; !rc && i < r->n_features; i++) {
		const struct usage_feature_row *f = &r->features[i];
		char label[160];
		usage_feature_label(f->name, label, sizeof(label));
		rc = row(out, "ssiiniii", label, f->name, f->uses, f->users, f->all_uses, f->answered,
			 f->clarify, f->unknown);
	}
	return rc;
}

static int csv_months(const struct usage_adoption_report *r, struct yk_buf *out)
{
	int rc = row(out, "ssssss", "月", "利用した職員数", "利用回数", "新しく使い始めた職員数",
		     "翌月も利用した職員数", "翌月の継続率");
	for (size_t i = 0; !rc && i < r->n_months; i++) {
		const struct usage_month_row *m = &r->months[i];
		char label[16];
		month_label(m->month, label, sizeof(label));
		if (m->retained < 0)
			rc = row(out, "siiiss", label, m->active, m->uses, m->new_users, "", "");
		else
			rc = row(out, "siiiir", label, m->active, m->uses, m->new_users, m->retained,
				 ratio(m->retained, m->active));
	}
	return rc;
}

static int csv_weeks(const struct usage_adoption_report *r, struct yk_buf *out)
{
	int rc = row(out, "sss", "週の初日", "利用した職員数", "利用回数");
	for (size_t i = 0; !rc && i < r->n_weeks; i++) {
		char label[16];
		usage_format_date(r->weeks[i].start_day, label, sizeof(label));
		rc = row(out, "sin", label, r->weeks[i].active, r->weeks[i].uses);
	}
	return rc;
}

static int csv_templates(const struct usage_adoption_report *r, struct yk_buf *out)
{
	int rc = row(out, "sssss", "テンプレート番号", "テンプレート名", "利用回数（職員）",
		     "利用した職員数", "利用回数（全体）");
	for (size_t i = 0; !rc && i < r->n_templates; i++) {
		const struct usage_template_row *t = &r->templates[i];
		rc = row(out, "isiin", t->template_id, t->name, t->uses, t->users, t->all_uses);
	}
	return rc;
}

int usage_adoption_csv(const struct usage_adoption_report *r, const char *table,
		       struct yk_buf *out)
{
	static const struct {
		const char *name;
		int (*fn)(const struct usage_adoption_report *r, struct yk_buf *out);
	} tables[] = {
		{"summary", csv_summary}, {"buckets", csv_buckets}, {"departments", csv_departments},
		{"tiers", csv_tiers},     {"features", csv_features}, {"months", csv_months},
		{"weeks", csv_weeks},     {"templates", csv_templates},
	};
	for (size_t i = 0; i < YK_ARRAY_LEN(tables); i++) {
		if (strcmp(table, tables[i].name) != 0)
			continue;
		int rc = yk_buf_adds(out, "\xEF\xBB\xBF");
		return rc ? rc : tables[i].fn(r, out);
	}
	return YK_EINVAL;
}
