/* harness: yakuba's own minimal unit-test harness (docs/decisions/0003-test-harness.md).
 *
 * A test program defines test functions with TEST(name), lists them in
 * TEST_MAIN(...), and links nothing else. Each CHECK that fails prints
 * "file:line: check failed: expr" and marks the current test failed; the
 * program ends with "<program>: N passed, N failed" and exits 1 on any
 * failure. scripts/run-tests.sh adds up these lines into the suite's total.
 * Single-threaded by design: checks from other threads are not supported. */
#ifndef YK_HARNESS_H
#define YK_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int harness_failed_now;

#define TEST(name) static void name(void)

#define CHECK(cond)                                                              \
	do {                                                                     \
		if (!(cond)) {                                                   \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,   \
				__LINE__, #cond);                                \
			harness_failed_now = 1;                                  \
		}                                                                \
	} while (0)

#define CHECK_INT(a, b)                                                          \
	do {                                                                     \
		long long ha_ = (long long)(a), hb_ = (long long)(b);            \
		if (ha_ != hb_) {                                                \
			fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n",\
				__FILE__, __LINE__, #a, #b, ha_, hb_);           \
			harness_failed_now = 1;                                  \
		}                                                                \
	} while (0)

#define CHECK_STR(a, b)                                                          \
	do {                                                                     \
		const char *ha_ = (a), *hb_ = (b);                               \
		if (!ha_ || !hb_ || strcmp(ha_, hb_) != 0) {                     \
			fprintf(stderr, "%s:%d: %s == %s failed: \"%s\" != \"%s\"\n", \
				__FILE__, __LINE__, #a, #b, ha_ ? ha_ : "(null)", \
				hb_ ? hb_ : "(null)");                           \
			harness_failed_now = 1;                                  \
		}                                                                \
	} while (0)

/* Stops the current test (e.g. when later checks would dereference NULL). */
#define REQUIRE(cond)                                                            \
	do {                                                                     \
		CHECK(cond);                                                     \
		if (harness_failed_now)                                          \
			return;                                                  \
	} while (0)

struct harness_test {
	const char *name;
	void (*fn)(void);
};

#define T(fn) {#fn, fn}

static inline int harness_run(const char *prog, const struct harness_test *tests, size_t n,
			      int argc, char **argv)
{
	int passed = 0, failed = 0;
	for (size_t i = 0; i < n; i++) {
		if (argc > 1 && !strstr(tests[i].name, argv[1]))
			continue;
		harness_failed_now = 0;
		tests[i].fn();
		if (harness_failed_now) {
			failed++;
			fprintf(stderr, "FAIL %s\n", tests[i].name);
		} else {
			passed++;
		}
	}
	printf("%s: %d passed, %d failed\n", prog, passed, failed);
	return failed ? 1 : 0;
}

#define TEST_MAIN(...)                                                           \
	int main(int argc, char **argv)                                          \
	{                                                                        \
		static const struct harness_test tests_[] = {__VA_ARGS__};       \
		const char *p_ = strrchr(argv[0], '/');                          \
		return harness_run(p_ ? p_ + 1 : argv[0], tests_,                \
				   sizeof(tests_) / sizeof(tests_[0]), argc, argv); \
	}

#endif
