/* auth: directory login (LDAP / Active Directory) through OpenLDAP's
 * libldap. One synchronous handle per login attempt: logins are rare
 * compared to requests and a handle per call keeps this reentrant without
 * a pool. The mapping from the directory to yakuba goes through the roster
 * (employee number), done by auth__ldap_user for auth_login. */
#include <ldap.h>
#include <string.h>

#include "auth/auth_int.h"
#include "core/banned.h"

int auth_ldap_expand(const char *pattern, const char *login, int for_filter, char *out,
		     size_t outsz)
{
	static const char token[] = "{login}";
	const size_t tlen = sizeof(token) - 1;
	size_t n = 0, ll = strlen(login);
	int seen = 0;
	if (outsz == 0)
		return YK_ELIMIT;
#define PUT(c)                                  \
	do {                                    \
		if (n + 1 >= outsz)             \
			return YK_ELIMIT;       \
		out[n++] = (c);                 \
	} while (0)
	for (const char *p = pattern; *p;) {
		if (strncmp(p, token, tlen) != 0) {
			PUT(*p++);
			continue;
		}
		seen = 1;
		p += tlen;
		for (size_t i = 0; i < ll; i++) {
			unsigned char c = (unsigned char)login[i];
			int esc = for_filter ? (c == '*' || c == '(' || c == ')' || c == '\\' || c < 0x20)
					     : (strchr(",+\"\\<>;=", c) != NULL || c < 0x20 ||
						(i == 0 && (c == '#' || c == ' ')) ||
						(i + 1 == ll && c == ' '));
			if (esc) {
				static const char hex[] = "0123456789abcdef";
				PUT('\\');
				PUT(hex[c >> 4]);
				PUT(hex[c & 15]);
			} else {
				PUT((char)c);
			}
		}
	}
#undef PUT
	out[n] = '\0';
	return seen ? 0 : YK_EINVAL;
}

struct ldap_settings {
	char url[STORE_SETTING_MAX_VALUE];
	char ca_file[STORE_SETTING_MAX_VALUE];
	char dn_pattern[STORE_SETTING_MAX_VALUE];
	char base[STORE_SETTING_MAX_VALUE];
	char filter[STORE_SETTING_MAX_VALUE];
	char search_dn[STORE_SETTING_MAX_VALUE];
	char search_pw[STORE_SETTING_MAX_VALUE];
	char attr[STORE_SETTING_MAX_VALUE];
	int starttls;
	int timeout;
};

static void settings_read(struct store *db, struct ldap_settings *s)
{
	memset(s, 0, sizeof(*s));
	if (store_setting_get(db, "ldap_url", s->url, sizeof(s->url)) ||
	    store_setting_get(db, "ldap_ca_file", s->ca_file, sizeof(s->ca_file)) ||
	    store_setting_get(db, "ldap_bind_dn_pattern", s->dn_pattern, sizeof(s->dn_pattern)) ||
	    store_setting_get(db, "ldap_search_base", s->base, sizeof(s->base)) ||
	    store_setting_get(db, "ldap_search_filter", s->filter, sizeof(s->filter)) ||
	    store_setting_get(db, "ldap_search_bind_dn", s->search_dn, sizeof(s->search_dn)) ||
	    store_setting_get(db, "ldap_search_bind_password", s->search_pw, sizeof(s->search_pw)) ||
	    store_setting_get(db, "ldap_employee_attr", s->attr, sizeof(s->attr)))
		s->url[0] = '\0';
	s->starttls = store_setting_int(db, "ldap_starttls") != 0;
	s->timeout = (int)store_setting_int(db, "ldap_timeout_seconds");
}

/* Maps a libldap result of a connection or bind to our errors. */
static int ldap_fail(int lrc, struct yk_errinfo *ei)
{
	if (lrc == LDAP_INVALID_CREDENTIALS || lrc == LDAP_INAPPROPRIATE_AUTH ||
	    lrc == LDAP_UNWILLING_TO_PERFORM || lrc == LDAP_NO_SUCH_OBJECT)
		return yk_errinfo_set(ei, YK_EAUTH, "ログイン名またはパスワードが違います");
	yk_log(YK_LOG_WARN, "ldap: %s", ldap_err2string(lrc));
	return yk_errinfo_set(ei, YK_EDIRECTORY,
			      "ディレクトリサーバーに接続できません（%s）。しばらくしてからお試しください",
			      ldap_err2string(lrc));
}

static int simple_bind(LDAP *ld, const char *dn, const char *pw)
{
	struct berval cred;
	cred.bv_val = (char *)pw;
	cred.bv_len = strlen(pw);
	return ldap_sasl_bind_s(ld, dn, LDAP_SASL_SIMPLE, &cred, NULL, NULL, NULL);
}

static int ldap_open_handle(const struct ldap_settings *s, LDAP **out, struct yk_errinfo *ei)
{
	LDAP *ld = NULL;
	int lrc = ldap_initialize(&ld, s->url);
	if (lrc != LDAP_SUCCESS) {
		yk_errinfo_at(ei, NULL, 0, "ldap_url");
		return yk_errinfo_set(ei, YK_EINVAL, "ディレクトリサーバーの URL が正しくありません");
	}
	int version = LDAP_VERSION3;
	struct timeval tv = {s->timeout > 0 ? s->timeout : 10, 0};
	ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version);
	ldap_set_option(ld, LDAP_OPT_NETWORK_TIMEOUT, &tv);
	ldap_set_option(ld, LDAP_OPT_TIMEOUT, &tv);
	ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
	int demand = LDAP_OPT_X_TLS_DEMAND;
	ldap_set_option(ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand);
	if (s->ca_file[0])
		ldap_set_option(ld, LDAP_OPT_X_TLS_CACERTFILE, s->ca_file);
	int newctx = 0;
	ldap_set_option(ld, LDAP_OPT_X_TLS_NEWCTX, &newctx);
	if (s->starttls && (lrc = ldap_start_tls_s(ld, NULL, NULL)) != LDAP_SUCCESS) {
		ldap_unbind_ext_s(ld, NULL, NULL);
		return ldap_fail(lrc == LDAP_INVALID_CREDENTIALS ? LDAP_CONNECT_ERROR : lrc, ei);
	}
	*out = ld;
	return 0;
}

/* Reads the first value of attr of entry into out ("" when absent). */
static void entry_attr(LDAP *ld, LDAPMessage *entry, const char *attr, char *out, size_t outsz)
{
	out[0] = '\0';
	struct berval **vals = ldap_get_values_len(ld, entry, attr);
	if (vals && vals[0] && vals[0]->bv_len < outsz) {
		memcpy(out, vals[0]->bv_val, vals[0]->bv_len);
		out[vals[0]->bv_len] = '\0';
	}
	ldap_value_free_len(vals);
}

/* Searches for exactly one entry; its DN and employee number. */
static int find_entry(LDAP *ld, const struct ldap_settings *s, const char *base, int scope,
		      const char *filter, char *dn, size_t dnsz, char *emp, size_t empsz,
		      struct yk_errinfo *ei)
{
	char *attrs[] = {(char *)s->attr, NULL};
	struct timeval tv = {s->timeout > 0 ? s->timeout : 10, 0};
	LDAPMessage *res = NULL;
	int lrc = ldap_search_ext_s(ld, base, scope, filter, attrs, 0, NULL, NULL, &tv, 2, &res);
	if (lrc != LDAP_SUCCESS && lrc != LDAP_SIZELIMIT_EXCEEDED) {
		ldap_msgfree(res);
		return ldap_fail(lrc, ei);
	}
	int rc = 0;
	if (ldap_count_entries(ld, res) != 1) {
		rc = yk_errinfo_set(ei, YK_EAUTH, "ログイン名またはパスワードが違います");
		goto out;
	}
	LDAPMessage *e = ldap_first_entry(ld, res);
	char *d = ldap_get_dn(ld, e);
	if (!d || strlen(d) >= dnsz) {
		ldap_memfree(d);
		rc = yk_errinfo_set(ei, YK_EAUTH, "ログイン名またはパスワードが違います");
		goto out;
	}
	yk_strlcpy(dn, d, dnsz);
	ldap_memfree(d);
	entry_attr(ld, e, s->attr, emp, empsz);
out:
	ldap_msgfree(res);
	return rc;
}

int auth_ldap_check(struct store *db, const char *login, const char *password, char *employee_no,
		    size_t employee_no_sz, struct yk_errinfo *ei)
{
	struct ldap_settings *s = yk_xcalloc(1, sizeof(*s));
	LDAP *ld = NULL;
	char dn[AUTH_LDAP_VALUE_MAX], filter[AUTH_LDAP_VALUE_MAX];
	char emp[AUTH_EMPLOYEE_NO_MAX + 1] = "";
	int rc;
	employee_no[0] = '\0';
	settings_read(db, s);
	if (!login || !*login || !password || !*password) {
		rc = yk_errinfo_set(ei, YK_EAUTH, "ログイン名またはパスワードが違います");
		goto out;
	}
	if (!s->url[0] || (!s->dn_pattern[0] && !s->base[0])) {
		rc = yk_errinfo_set(ei, YK_EINVAL,
				    "ディレクトリ認証の設定（URL と、バインド DN の形または検索の場所）が"
				    "足りません");
		goto out;
	}
	if ((rc = ldap_open_handle(s, &ld, ei)))
		goto out;
	if (s->dn_pattern[0]) {
		if (auth_ldap_expand(s->dn_pattern, login, 0, dn, sizeof(dn)) != 0) {
			rc = yk_errinfo_set(ei, YK_EINVAL, "バインド DN の形には {login} が必要です");
			goto out;
		}
	} else {
		const char *bind_dn = s->search_dn[0] ? s->search_dn : NULL;
		int lrc = simple_bind(ld, bind_dn ? bind_dn : "", bind_dn ? s->search_pw : "");
		if (lrc != LDAP_SUCCESS) {
			/* The service account failing is the admin's problem, not
			 * the user's password: say the directory is unusable. */
			rc = ldap_fail(lrc == LDAP_INVALID_CREDENTIALS ? LDAP_OPERATIONS_ERROR : lrc, ei);
			goto out;
		}
		if (auth_ldap_expand(s->filter, login, 1, filter, sizeof(filter)) != 0) {
			rc = yk_errinfo_set(ei, YK_EINVAL, "利用者の検索条件には {login} が必要です");
			goto out;
		}
		if ((rc = find_entry(ld, s, s->base, LDAP_SCOPE_SUBTREE, filter, dn, sizeof(dn), emp,
				     sizeof(emp), ei)))
			goto out;
	}
	int lrc = simple_bind(ld, dn, password);
	if (lrc != LDAP_SUCCESS) {
		rc = ldap_fail(lrc, ei);
		goto out;
	}
	if (s->dn_pattern[0]) {
		/* Read our own entry for the employee number (AD UPN DNs are not
		 * entries: then the login is the employee number). */
		char selfdn[AUTH_LDAP_VALUE_MAX];
		struct yk_errinfo ignore;
		yk_errinfo_clear(&ignore);
		if (find_entry(ld, s, dn, LDAP_SCOPE_BASE, "(objectClass=*)", selfdn, sizeof(selfdn),
			       emp, sizeof(emp), &ignore) != 0)
			emp[0] = '\0';
	}
	yk_strlcpy(employee_no, emp[0] ? emp : login, employee_no_sz);
	rc = 0;
out:
	if (ld)
		ldap_unbind_ext_s(ld, NULL, NULL);
	explicit_bzero(s->search_pw, sizeof(s->search_pw));
	free(s);
	return rc;
}

/* The account for a current roster entry: linked by staff_id, else by
 * login = employee number (then linked), else created (no password, role
 * staff). In its own transaction. */
int auth__ldap_user(struct store *db, const char *employee_no, const char *ip,
		    struct auth_user *out, struct yk_errinfo *ei)
{
	int rc = store_begin(db, ei);
	if (rc)
		return rc;
	sqlite3_stmt *st = NULL;
	int64_t staff_id = 0, dept_id = 0, uid = 0;
	char name[AUTH_NAME_MAX + 1], email[AUTH_EMAIL_MAX + 1];
	if ((rc = store_stmt(db,
			     "SELECT s.id, s.name, s.department_id, coalesce(s.email, ''),"
			     " (SELECT u.id FROM users u WHERE u.staff_id = s.id ORDER BY u.id LIMIT 1),"
			     " (SELECT u.id FROM users u WHERE u.login = s.employee_no)"
			     " FROM staff s WHERE s.employee_no = ?1 AND s.left_at IS NULL",
			     &st, ei)))
		goto fail;
	store_bind_text(st, 1, employee_no);
	if ((rc = store_row(db, st, ei)) < 0)
		goto fail;
	if (rc == 0) {
		rc = yk_errinfo_set(ei, YK_ENOTFOUND, "この職員は職員名簿に登録されていません");
		goto fail;
	}
	staff_id = sqlite3_column_int64(st, 0);
	store_col_text(st, 1, name, sizeof(name));
	dept_id = sqlite3_column_int64(st, 2);
	store_col_text(st, 3, email, sizeof(email));
	int64_t linked = sqlite3_column_int64(st, 4), by_login = sqlite3_column_int64(st, 5);
	store_reset(st);
	if (linked) {
		uid = linked;
	} else if (by_login) {
		uid = by_login;
		if ((rc = store_stmt(db, "UPDATE users SET staff_id = ?2, updated_at = ?3 WHERE id = ?1",
				     &st, ei)))
			goto fail;
		sqlite3_bind_int64(st, 1, uid);
		sqlite3_bind_int64(st, 2, staff_id);
		sqlite3_bind_int64(st, 3, yk_now_unix());
		if ((rc = store_step_done(db, st, ei)))
			goto fail;
	} else {
		if (auth__check_login(employee_no, NULL) != 0) {
			rc = yk_errinfo_set(ei, YK_ENOTFOUND, "職員番号をログイン名に使えません");
			goto fail;
		}
		struct audit_actor sys = {0, "ldap", ip};
		if ((rc = auth__user_insert_tx(db, employee_no, name, email, dept_id, staff_id, NULL,
					       AUTH_ROLE_STAFF, &uid, ei)) ||
		    (rc = audit_record_json(db, &sys, "user.create", employee_no,
					    json_pack("{s:[s], s:s}", "roles", "staff", "via", "ldap"),
					    ei)))
			goto fail;
	}
	if ((rc = auth_user_get(db, uid, out)) || (rc = store_commit(db, ei)))
		goto fail;
	return 0;
fail:
	store_rollback(db);
	return rc;
}
