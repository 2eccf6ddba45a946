/* usage: the city's calendar — JST days and months, fiscal years (April to
 * March, 令和N年度). Pure arithmetic: no TZ, no localtime, so a report is
 * the same on a machine set to UTC. See usage.h. */
#include "usage/usage.h"
#include "core/banned.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
int32_t usage_day_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void usage_day_civil(int32_t day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int32_t usage_day_of(int64_t t)
{
	int64_t s = t + USAGE_TZ_OFFSET;
	int64_t q = s / 86400;
	if (s % 86400 < 0)
		q--;
	return (int32_t)q;
}

int64_t usage_day_start(int32_t day)
{
	return (int64_t)day * 86400 - USAGE_TZ_OFFSET;
}

int usage_day_weekday(int32_t day)
{
	int w = (day + 3) % 7; /* 1970-01-01 was a Thursday */
	return w < 0 ? w + 7 : w;
}

static int digits(const char *s, size_t n, int *out)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int usage_parse_date(const char *s, size_t len, int32_t *day)
{
	int y, m, d;
	if (len != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) || digits(s + 5, 2, &m) ||
	    digits(s + 8, 2, &d) || y < 1900 || m < 1 || m > 12 || d < 1 || d > 31)
		return YK_EINVAL;
	int32_t v = usage_day_from_civil(y, m, d);
	int y2, m2, d2;
	usage_day_civil(v, &y2, &m2, &d2);
	if (y2 != y || m2 != m || d2 != d) /* 2023-02-30 */
		return YK_EINVAL;
	*day = v;
	return 0;
}

void usage_format_date(int32_t day, char *out, size_t outsz)
{
	int y, m, d;
	usage_day_civil(day, &y, &m, &d);
	snprintf(out, outsz, "%04d-%02d-%02d", y, m, d);
}

int usage_fiscal_year(int32_t day)
{
	int y, m, d;
	usage_day_civil(day, &y, &m, &d);
	return m >= 4 ? y : y - 1;
}

void usage_fiscal_range(int fy, int32_t *from, int32_t *to)
{
	*from = usage_day_from_civil(fy, 4, 1);
	*to = usage_day_from_civil(fy + 1, 4, 1) - 1;
}

void usage_fiscal_label(int fy, char *out, size_t outsz)
{
	if (fy >= 2019) {
		if (fy == 2019)
			snprintf(out, outsz, "令和元年度");
		else
			snprintf(out, outsz, "令和%d年度", fy - 2018);
	} else if (fy >= 1989) {
		if (fy == 1989)
			snprintf(out, outsz, "平成元年度");
		else
			snprintf(out, outsz, "平成%d年度", fy - 1988);
	} else {
		snprintf(out, outsz, "%d年度", fy);
	}
}

int usage_parse_fiscal_year(const char *s, size_t len, int *fy)
{
	int v;
	static const char reiwa[] = "令和";
	size_t rl = sizeof(reiwa) - 1;
	int era = 0;
	if (len > rl && memcmp(s, reiwa, rl) == 0) {
		s += rl;
		len -= rl;
		era = 1;
	} else if (len > 1 && (s[0] == 'R' || s[0] == 'r')) {
		s++;
		len--;
		era = 1;
	}
	/* "令和6年度" / "R6年度" */
	static const char nendo[] = "年度";
	if (len > sizeof(nendo) - 1 && memcmp(s + len - (sizeof(nendo) - 1), nendo, sizeof(nendo) - 1) == 0)
		len -= sizeof(nendo) - 1;
	if (era && len == 3 && memcmp(s, "元", 3) == 0) {
		*fy = 2019;
		return 0;
	}
	if (len == 0 || len > 4 || digits(s, len, &v))
		return YK_EINVAL;
	if (era) {
		if (v < 1 || v > 100)
			return YK_EINVAL;
		v += 2018;
	} else if (v < 1900 || v > 2200) {
		return YK_EINVAL;
	}
	*fy = v;
	return 0;
}

static int bad_param(struct yk_errinfo *ei, const char *field, const char *msg)
{
	yk_errinfo_at(ei, NULL, 0, field);
	return yk_errinfo_set(ei, YK_EINVAL, "%s", msg);
}

int usage_period_parse(const char *from, const char *to, const char *fy, const char *month,
		       int64_t now, int32_t *from_day, int32_t *to_day, int *fy_out,
		       struct yk_errinfo *ei)
{
	int32_t today = usage_day_of(now);
	int32_t a, b;
	*fy_out = 0;
	if (fy && *fy) {
		int y;
		if (usage_parse_fiscal_year(fy, strlen(fy), &y))
			return bad_param(ei, "fy", "年度は 2024 や 令和6 の形で指定してください");
		usage_fiscal_range(y, &a, &b);
	} else if (month && *month) {
		int y, m;
		if (strlen(month) != 7 || month[4] != '-' || digits(month, 4, &y) ||
		    digits(month + 5, 2, &m) || y < 1900 || m < 1 || m > 12)
			return bad_param(ei, "month", "月は YYYY-MM の形で指定してください");
		a = usage_day_from_civil(y, m, 1);
		b = usage_day_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
	} else {
		usage_fiscal_range(usage_fiscal_year(today), &a, &b);
		b = today;
		if (from && *from && usage_parse_date(from, strlen(from), &a))
			return bad_param(ei, "from", "開始日は YYYY-MM-DD の形で指定してください");
		if (to && *to && usage_parse_date(to, strlen(to), &b))
			return bad_param(ei, "to", "終了日は YYYY-MM-DD の形で指定してください");
		if (from && *from && !(to && *to) && b < a)
			b = a; /* a start in the future: one day */
	}
	if (b < a)
		return bad_param(ei, "to", "終了日が開始日より前です");
	if ((int64_t)b - a + 1 > USAGE_PERIOD_DAYS_MAX)
		return bad_param(ei, "from", "期間が長すぎます（約 10 年まで）");
	int32_t fa, fb;
	usage_fiscal_range(usage_fiscal_year(a), &fa, &fb);
	if (fa == a && fb == b)
		*fy_out = usage_fiscal_year(a);
	*from_day = a;
	*to_day = b;
	return 0;
}

/* Reads 1..maxd digits at s[*i]; -1 when there are none. */
static int read_num(const char *s, size_t len, size_t *i, int maxd)
{
	int v = 0, n = 0;
	while (*i < len && n < maxd && s[*i] >= '0' && s[*i] <= '9') {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	return n ? v : -1;
}

static int time_error(char *why, size_t whysz, const char *msg)
{
	if (why && whysz)
		yk_strlcpy(why, msg, whysz);
	return YK_EINVAL;
}

int usage_parse_time(const char *s, size_t len, int64_t *unix_out, char *why, size_t whysz)
{
	static const char form[] =
		"日時は「2024-04-01 09:05」（日本時間）か「2024-04-01T09:05:00+09:00」の形で書いてください";
	size_t i = 0;
	int y = read_num(s, len, &i, 4);
	if (y < 0 || i != 4 || i >= len || (s[i] != '-' && s[i] != '/'))
		return time_error(why, whysz, form);
	char sep = s[i++];
	int mo = read_num(s, len, &i, 2);
	if (mo < 0 || i >= len || s[i] != sep)
		return time_error(why, whysz, form);
	i++;
	int d = read_num(s, len, &i, 2);
	if (d < 0 || i >= len || (s[i] != ' ' && s[i] != 'T'))
		return time_error(why, whysz, form);
	while (i < len && (s[i] == ' ' || s[i] == 'T'))
		i++;
	int hh = read_num(s, len, &i, 2);
	if (hh < 0 || i >= len || s[i] != ':')
		return time_error(why, whysz, form);
	i++;
	size_t mstart = i;
	int mi = read_num(s, len, &i, 2);
	if (mi < 0 || i - mstart != 2)
		return time_error(why, whysz, form);
	int ss = 0;
	if (i < len && s[i] == ':') {
		i++;
		size_t sstart = i;
		ss = read_num(s, len, &i, 2);
		if (ss < 0 || i - sstart != 2)
			return time_error(why, whysz, form);
		if (i < len && (s[i] == '.' || s[i] == ',')) {
			i++;
			size_t f0 = i;
			while (i < len && s[i] >= '0' && s[i] <= '9' && i - f0 < 9)
				i++;
			if (i == f0)
				return time_error(why, whysz, form);
		}
	}
	int offset = USAGE_TZ_OFFSET; /* no offset: the city's time */
	if (i < len && (s[i] == 'Z' || s[i] == 'z')) {
		offset = 0;
		i++;
	} else if (i < len && (s[i] == '+' || s[i] == '-')) {
		int sign = s[i++] == '-' ? -1 : 1;
		size_t h0 = i;
		int oh = read_num(s, len, &i, 2);
		if (oh < 0 || i - h0 != 2)
			return time_error(why, whysz, form);
		if (i < len && s[i] == ':')
			i++;
		size_t m0 = i;
		int om = read_num(s, len, &i, 2);
		if (om < 0 || i - m0 != 2 || oh > 14 || om > 59)
			return time_error(why, whysz, form);
		offset = sign * (oh * 3600 + om * 60);
	}
	if (i != len)
		return time_error(why, whysz, form);
	if (y < 2000 || y > 2099)
		return time_error(why, whysz, "日時の年は 2000 年から 2099 年までです");
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mi > 59 || ss > 59)
		return time_error(why, whysz, "存在しない日時です");
	int32_t day = usage_day_from_civil(y, mo, d);
	int y2, m2, d2;
	usage_day_civil(day, &y2, &m2, &d2);
	if (d2 != d)
		return time_error(why, whysz, "存在しない日付です");
	*unix_out = (int64_t)day * 86400 + hh * 3600 + mi * 60 + ss - offset;
	return 0;
}
