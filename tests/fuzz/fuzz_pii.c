/* fuzz_pii: libFuzzer target for the personal-information guard.
 *
 * For any input: invalid UTF-8 is refused with YK_EUTF8; otherwise every
 * span lies inside the input, on UTF-8 boundaries, with code-point and byte
 * offsets that agree, sorted and non-overlapping; and masking followed by
 * pii_restore() gives back the input (when the input holds no 〔 of its
 * own that could be taken for a placeholder and no two spans share a
 * value). */
#include <stdint.h>

#include "pii/pii.h"

static struct pii_detector *det;
static struct pii_scanner *scan;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	static const char allow[] = "0299-55-1111\ninfo@city.midori.example.jp\n";
	struct pii_config cfg = {.allow = allow, .allow_len = sizeof(allow) - 1};
	if (pii_detector_new(&cfg, &det, NULL) || pii_scanner_new(det, &scan, NULL))
		abort();
	return 0;
}

static int boundary(const uint8_t *d, size_t size, size_t off)
{
	return off == size || (d[off] & 0xC0) != 0x80;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const struct pii_span *sp;
	size_t n;
	int rc = pii_scan(scan, text, size, &sp, &n);
	if (!yk_utf8_valid(text, size, NULL)) {
		if (rc != YK_EUTF8)
			abort();
		return 0;
	}
	if (rc != 0)
		abort();
	for (size_t i = 0; i < n; i++) {
		if (sp[i].byte_start >= sp[i].byte_end || sp[i].byte_end > size)
			abort();
		if (!boundary(data, size, sp[i].byte_start) || !boundary(data, size, sp[i].byte_end))
			abort();
		if (yk_utf8_count(text, sp[i].byte_start) != sp[i].start ||
		    yk_utf8_count(text, sp[i].byte_end) != sp[i].end)
			abort();
		if (i && sp[i - 1].end > sp[i].start)
			abort();
		if ((unsigned)sp[i].type >= PII_TYPE_COUNT || !(sp[i].confidence > 0) ||
		    sp[i].confidence > 1)
			abort();
	}

	struct pii_mapping *m = pii_mapping_new();
	struct yk_buf masked, back;
	yk_buf_init(&masked, 0);
	yk_buf_init(&back, 0);
	if (pii_mask_spans(m, text, size, sp, n, &masked) != 0)
		abort();
	if (pii_restore(m, masked.data ? masked.data : "", masked.len, &back) != 0)
		abort();
	/* Equal values share a placeholder and come back in their first
	 * spelling, so the exact round trip holds when every span got its own. */
	if (!memmem(data, size, "〔", strlen("〔")) && pii_mapping_count(m) == n &&
	    (back.len != size || (size && memcmp(back.data, data, size) != 0)))
		abort();
	yk_buf_release(&masked);
	yk_buf_release(&back);
	pii_mapping_free(m);
	return 0;
}
