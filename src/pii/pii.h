/* pii: the personal-information guard.
 *
 * Finds personal information in Japanese text (full-width and half-width
 * forms, every hyphen variant) and masks it with reversible placeholders
 * (〔氏名1〕, 〔電話1〕...) before any text leaves the process; pii_restore()
 * puts the values back into a model's reply. An engine: above core, store
 * and text (the one UniDic model and the folding normaliser, which it uses
 * for person names and for scanning); below qa, ws, api and cli.
 *
 * Callers that mask text use ONE guard object (struct pii_guard: detector,
 * allow-list and policy, immutable, reference-counted), the one in force
 * for the current settings from struct pii_guard_slot. The lower-level
 * detector and scanner stay public for the CLI, tests and benchmarks.
 *
 * Detectors: checksummed identifiers (My Number, corporate number, credit
 * cards), identifiers that need a context word (driver's licence, resident
 * code, pension, health insurance, bank account, passport), residence cards,
 * phones, e-mail, postal codes, addresses (also abroad, in Latin script),
 * birth dates (an event date is not
 * a birth date: a date is reported only next to 生年月日/生まれ/生 and the
 * like) and person names (UniDic 人名 tags, honorifics, titles, labels).
 * Numbers next to order/reservation/receipt words (注文番号, 予約番号,
 * 受付番号...) are not reported; values on the caller's allow-list (the
 * city's own published phone numbers, e-mail and addresses) are not
 * reported either.
 *
 * Thread-safety: a struct pii_detector is immutable after pii_detector_new()
 * and may be shared by any number of threads. A struct pii_scanner holds a
 * tokenizer of the text model's pool and scratch memory: one scanner per
 * thread (it is not locked). A struct pii_guard is immutable and every
 * function on it is thread-safe (it pools scanners internally); a struct
 * pii_guard_slot is thread-safe. A struct pii_mapping belongs to one conversation and is not
 * locked either: use it from one thread at a time.
 *
 * Offsets: every span carries code-point offsets and byte offsets into the
 * caller's input, half-open [start, end). Spans are sorted by start and never
 * overlap. Input must be valid UTF-8 (YK_EUTF8 otherwise).
 */
#ifndef YK_PII_H
#define YK_PII_H

#include <stddef.h>

#include "core/core.h"
#include "store/store.h"

struct text_model;

/* Hard limits on outside input. */
#define PII_INPUT_MAX (4u * 1024u * 1024u)  /* bytes per pii_scan() call */
#define PII_ALLOW_MAX 4096                  /* allow-list entries */
#define PII_ALLOW_ENTRY_MAX 256             /* bytes per allow-list entry */
#define PII_MAPPING_MAX 10000               /* distinct values per mapping */
#define PII_PLACEHOLDER_MAX 64              /* bytes of one placeholder */

/* The detected types (X-macro: enum name, stable name, placeholder label,
 * Japanese type name). This is the one label table: the placeholder label
 * makes 〔電話1〕 in masked text (preview, history, model), the type name
 * ("電話番号") is what every view and the API call the type (guard
 * preview, counts, ws status). The stable names appear in `yakuba mask
 * --json`, in the audit counts and
 * in the evaluation set; never rename them. */
#define PII_TYPES(X) \
	X(PII_JP_MY_NUMBER, "JP_MY_NUMBER", "個人番号", "マイナンバー") \
	X(PII_JP_CORPORATE_NUMBER, "JP_CORPORATE_NUMBER", "法人番号", "法人番号") \
	X(PII_JP_DRIVERS_LICENSE, "JP_DRIVERS_LICENSE", "免許証番号", "運転免許証番号") \
	X(PII_JP_RESIDENT_CODE, "JP_RESIDENT_CODE", "住民票コード", "住民票コード") \
	X(PII_JP_BASIC_PENSION_NUMBER, "JP_BASIC_PENSION_NUMBER", "年金番号", "基礎年金番号") \
	X(PII_JP_HEALTH_INSURANCE, "JP_HEALTH_INSURANCE", "保険証番号", "保険証の番号") \
	X(PII_JP_RESIDENCE_CARD, "JP_RESIDENCE_CARD", "在留カード番号", "在留カード番号") \
	X(PII_PASSPORT, "PASSPORT", "旅券番号", "旅券番号") \
	X(PII_JP_BANK_ACCOUNT, "JP_BANK_ACCOUNT", "口座番号", "口座番号") \
	X(PII_CREDIT_CARD, "CREDIT_CARD", "カード番号", "クレジットカード番号") \
	X(PII_PHONE, "PHONE", "電話", "電話番号") \
	X(PII_EMAIL, "EMAIL", "メール", "メールアドレス") \
	X(PII_POSTAL_CODE, "POSTAL_CODE", "郵便番号", "郵便番号") \
	X(PII_ADDRESS, "ADDRESS", "住所", "住所") \
	X(PII_DATE_OF_BIRTH, "DATE_OF_BIRTH", "生年月日", "生年月日") \
	X(PII_PERSON, "PERSON", "氏名", "氏名")

enum pii_type {
#define PII_X(e, name, label, display) e,
	PII_TYPES(PII_X)
#undef PII_X
	PII_TYPE_COUNT
};

/* "JP_MY_NUMBER" etc. for a type; "UNKNOWN" out of range. Static string. */
const char *pii_type_name(enum pii_type t);
/* Japanese placeholder label ("電話" of 〔電話1〕). Static string. */
const char *pii_type_label(enum pii_type t);
/* Japanese type name for people ("電話番号"). Static string. */
const char *pii_type_display(enum pii_type t);
/* Type from its stable name (name, len); YK_ENOTFOUND if unknown. */
int pii_type_parse(const char *name, size_t len, enum pii_type *out) YK_WUR;

/* One finding. Offsets are half-open into the scanned input. */
struct pii_span {
	size_t start, end;           /* code points */
	size_t byte_start, byte_end; /* bytes */
	enum pii_type type;
	double confidence;           /* (0, 1]: 0.99 check digit and context word,
				      * 0.6-0.75 shape or weak cue alone */
};

/* ---- check digits (pure; exposed for tests and for import validation) -- */

/* Each takes ASCII digits only (d, n) and returns 1 if the number has the
 * right length and a valid check digit, else 0. */
int pii_check_my_number(const char *d, size_t n);        /* 12 digits, last */
int pii_check_corporate_number(const char *d, size_t n); /* 13 digits, first */
int pii_check_luhn(const char *d, size_t n);             /* 12..19 digits */

/* ---- detector (shared, immutable) -------------------------------------- */

struct pii_config {
	/* The UniDic model for person names (text/). Borrowed during
	 * pii_detector_new(), which takes its own reference. NULL: the detector
	 * asks text_model_new(dicdir) for it (the same model when it is loaded
	 * already), with dicdir as the --dicdir flag (NULL: not given). */
	struct text_model *model;
	const char *dicdir;
	/* The city's own published contact data that must not be reported:
	 * one value per line (phone numbers, e-mail addresses, postal codes,
	 * addresses), '#' starts a comment line. Compared in canonical form:
	 * width and hyphen folding, spaces, hyphens and brackets removed, ASCII
	 * lower-cased; a detected span must equal an entry. Borrowed during
	 * pii_detector_new() only. NULL = empty. Over PII_ALLOW_MAX entries or
	 * an entry over PII_ALLOW_ENTRY_MAX bytes: YK_ELIMIT. */
	const char *allow;
	size_t allow_len;
	/* Set to 1 to skip person names (no MeCab needed). */
	int no_person;
};

struct pii_detector;

/* Takes the model and loads the allow-list. Errors: YK_EMORPH when no
 * model was given and none can be found or loaded (ei says every place
 * tried, see text_dicdir_find()), YK_ELIMIT / YK_EUTF8 for a bad
 * allow-list.
 * *out is owned by the caller (pii_detector_free). */
int pii_detector_new(const struct pii_config *cfg, struct pii_detector **out,
		     struct yk_errinfo *ei) YK_WUR;
void pii_detector_free(struct pii_detector *d); /* NULL is a no-op */

/* ---- scanner (one per thread) ------------------------------------------ */

struct pii_scanner;

/* The detector is borrowed and must outlive the scanner. The scanner keeps
 * its scratch memory between calls: about 8 bytes per code point of the
 * largest input scanned (at most 32 MiB for PII_INPUT_MAX), plus MeCab's. */
int pii_scanner_new(const struct pii_detector *d, struct pii_scanner **out,
		    struct yk_errinfo *ei) YK_WUR;
void pii_scanner_free(struct pii_scanner *s); /* NULL is a no-op */

/* Scans text (len bytes, valid UTF-8, no NUL termination needed). On
 * success *spans points to *nspans spans owned by the scanner, valid until
 * the next call on this scanner. Errors: YK_ELIMIT (len > PII_INPUT_MAX),
 * YK_EUTF8, YK_EMORPH (MeCab failed on this text). */
int pii_scan(struct pii_scanner *s, const char *text, size_t len,
	     const struct pii_span **spans, size_t *nspans) YK_WUR;

/* ---- masking ------------------------------------------------------------ */

enum pii_policy {
	PII_POLICY_MASK = 0, /* default: replace values by placeholders */
	PII_POLICY_BLOCK,    /* refuse the text (YK_EPII_BLOCKED) if any found */
	PII_POLICY_WARN      /* pass the text unchanged, report the counts */
};

/* Parses "mask" / "block" / "warn"; YK_EINVAL otherwise. */
int pii_policy_parse(const char *s, enum pii_policy *out) YK_WUR;

/* Counts per type for the audit log. Never holds values. */
struct pii_counts {
	unsigned n[PII_TYPE_COUNT];
	unsigned total;
};

/* The placeholder table of one conversation: the same value (in the
 * canonical form of the allow-list) always gets the same placeholder, and
 * numbering is per type in order of first appearance (〔氏名1〕, 〔氏名2〕...).
 * Holds the values in memory; pii_mapping_free() wipes them. */
struct pii_mapping;
struct pii_mapping *pii_mapping_new(void);
void pii_mapping_free(struct pii_mapping *m); /* NULL is a no-op */
/* Number of distinct values held. */
size_t pii_mapping_count(const struct pii_mapping *m);
/* 1 when the last pii_mask() or pii_mask_spans() into m stopped at a new
 * value because m held PII_MAPPING_MAX values already: its YK_ELIMIT was
 * that limit, not out's, so that a caller can name it to the user. */
int pii_mapping_full(const struct pii_mapping *m);

/* Scans text and appends to out, according to policy:
 *   MASK:  the text with every span replaced by its placeholder (the
 *          mapping remembers new values);
 *   BLOCK: nothing appended and YK_EPII_BLOCKED if any span was found,
 *          otherwise the text unchanged;
 *   WARN:  the text unchanged.
 * counts (optional) receives the per-type counts of this text in every
 * policy. m may be NULL only with BLOCK or WARN. Errors as pii_scan(), plus
 * YK_ELIMIT when the mapping is full (pii_mapping_full() then says so) or
 * out's limit is reached (out then holds a partial text that must not be
 * sent). Finding a value's placeholder, and pii_restore() finding a
 * placeholder's value, take the same time however many values m holds. */
int pii_mask(struct pii_scanner *s, struct pii_mapping *m, enum pii_policy policy,
	     const char *text, size_t len, struct yk_buf *out, struct pii_counts *counts) YK_WUR;

/* Same, on spans the caller already has (from pii_scan() on the same text). */
int pii_mask_spans(struct pii_mapping *m, const char *text, size_t len,
		   const struct pii_span *spans, size_t nspans, struct yk_buf *out) YK_WUR;

/* Appends reply to out with every placeholder of m (ASCII or full-width
 * digits) replaced by its original value; unknown placeholders stay as they
 * are. Errors: YK_ELIMIT from out. */
int pii_restore(const struct pii_mapping *m, const char *reply, size_t len,
		struct yk_buf *out) YK_WUR;

/* "PERSON=2,PHONE=1" into out (types with a zero count left out; "" when
 * none). For the audit log. */
void pii_counts_format(const struct pii_counts *c, char *out, size_t outsz);

/* ---- ENAMDICT ------------------------------------------------------------ */

/* The names dictionary (Debian package enamdict, $YAKUBA_ENAMDICT or
 * /usr/share/edict/enamdict), loaded once per process on first use into a
 * compact hash set of written forms of 1-4 characters (surnames, given
 * names, places): a person's title after a place name that is also a
 * surname (長野係長) makes it a name. entries and bytes (optional) get its
 * size. YK_ENOTFOUND when the file is missing (names then come from UniDic
 * alone). Thread-safe. */
int pii_names_info(size_t *entries, size_t *bytes) YK_WUR;
/* The learned name model (pii_learn.c): its buckets with a weight and the
 * bytes it holds in memory; YK_ENOTFOUND when the build has none. */
int pii_learn_info(size_t *features, size_t *bytes) YK_WUR;

/* ---- the guard: one object for every caller that masks text ----------- */

/* Detector + allow-list + policy, created once and shared. Immutable; a
 * settings change makes a new guard (see struct pii_guard_slot) while
 * callers holding the old one finish with it. */
struct pii_guard;

struct pii_guard_config {
	struct text_model *model; /* borrowed, the guard takes a reference; NULL:
				   * text_model_new(NULL), as in pii_config */
	const char *allow;        /* allow-list, one value per line (pii_config) */
	size_t allow_len;
	enum pii_policy policy;   /* for text sent to a model (conversations) */
	int no_person;            /* tests only: skip person names */
};

/* Errors as pii_detector_new(). *out holds one reference. */
int pii_guard_new(const struct pii_guard_config *cfg, struct pii_guard **out,
		  struct yk_errinfo *ei) YK_WUR;
/* One more reference; returns g. */
struct pii_guard *pii_guard_ref(struct pii_guard *g);
/* Drops one reference; the last frees the guard. NULL is a no-op. */
void pii_guard_free(struct pii_guard *g);

enum pii_policy pii_guard_policy(const struct pii_guard *g);

/* Spans found in one text, owned by the caller: zero-initialise, reuse,
 * release. */
struct pii_findings {
	struct pii_span *v;
	size_t n, cap;
};
void pii_findings_release(struct pii_findings *f);

/* Scans text into out (replacing its contents). Errors as pii_scan(). */
int pii_guard_scan(struct pii_guard *g, const char *text, size_t len,
		   struct pii_findings *out) YK_WUR;
/* pii_mask() with the guard's detector and the policy given (callers pass
 * pii_guard_policy(g) for text sent to a model). */
int pii_guard_mask(struct pii_guard *g, struct pii_mapping *m, enum pii_policy policy,
		   const char *text, size_t len, struct yk_buf *out,
		   struct pii_counts *counts) YK_WUR;
/* For text that is stored (question log, feedback comments): appends text
 * to out with every value replaced by its placeholder, whatever the policy
 * (a log never keeps personal information; placeholders are numbered for
 * this text alone). counts is optional. On error out holds nothing that
 * may be stored: the caller stores a fixed notice instead. Errors as
 * pii_scan(), YK_ELIMIT from out. */
int pii_guard_redact(struct pii_guard *g, const char *text, size_t len, struct yk_buf *out,
		     struct pii_counts *counts) YK_WUR;

/* The guard in force: built from the settings pii_allow_list (values
 * separated by commas or 、) and pii_policy, and rebuilt, then swapped in,
 * when either changes; callers holding the old guard finish with it. */
struct pii_guard_slot;

/* model is borrowed; the slot takes a reference. NULL: each guard asks
 * text_model_new(NULL) (the dictionary search) for it. */
struct pii_guard_slot *pii_guard_slot_new(struct text_model *model);
void pii_guard_slot_free(struct pii_guard_slot *s); /* NULL is a no-op */
/* The guard for the current settings of db, with one reference for the
 * caller (pii_guard_free() when done). Reads the two settings on every
 * call. Errors as pii_guard_new() (a bad allow-list setting is YK_ELIMIT). */
int pii_guard_current(struct pii_guard_slot *s, struct store *db, struct pii_guard **out,
		      struct yk_errinfo *ei) YK_WUR;

#endif
