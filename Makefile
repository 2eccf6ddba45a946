# yakuba build. One GNU Makefile, pkg-config for the Debian 12 libraries.
#
#   make            release build: build/release/yakuba (hardened, -O2)
#   make run        install what is missing, build, create yakuba.db with
#                   sample data, start the server on 127.0.0.1:8080
#   make test       install what is missing, build under ASan+UBSan, run
#                   every test; ends with "N passed, N failed"
#   make bench      build the benchmarks in bench/ (run them by hand)
#   make fuzz       build the libFuzzer targets in tests/fuzz/ (clang) and run
#                   each for FUZZ_SECONDS (default 60) over a copy of its
#                   corpus tests/fuzz/corpus/<name>/; prints executions and
#                   coverage per target (FUZZ_NICE=19 to yield the CPU,
#                   FUZZ_JOBS=2 for two targets at a time, FUZZ_MERGE=1 to
#                   merge new coverage into the corpus dirs)
#   make tsan       build under ThreadSanitizer (MODE=tsan) and run the unit
#                   tests that race readers against writers (search, qa)
#   make install    install the binary, the systemd units, the system user
#                   and /var/lib/yakuba (DESTDIR= and PREFIX= as usual;
#                   see docs/install.md)
#
# Modules are discovered: every src/<module>/*.c is part of libyakuba,
# except src/cli/ which holds the front-end with main(). Unit tests are
# tests/unit/test_*.c, fuzz targets tests/fuzz/fuzz_*.c, benchmarks
# bench/*.c; adding one needs no change here.

MODE ?= release
BUILD ?= build/$(MODE)
GEN := $(BUILD)/gen

PKGS := sqlite3 libmicrohttpd jansson libcurl libargon2 libxml-2.0 libzip libutf8proc libcrypto ldap
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lmecab -lstdc++ -lpthread -lm

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
	-Wvla -Wimplicit-fallthrough -Wconversion -Wno-sign-conversion -Werror
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) -Isrc -I$(GEN) $(PKG_CFLAGS) -g

ifeq ($(MODE),fuzz)
CC := clang
MODE_CFLAGS := -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -Wno-unknown-warning-option
MODE_LDFLAGS := -fsanitize=address,undefined
else ifeq ($(MODE),tsan)
MODE_CFLAGS := -O1 -fno-omit-frame-pointer -fsanitize=thread
MODE_LDFLAGS := -fsanitize=thread
else ifeq ($(MODE),asan)
MODE_CFLAGS := -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
MODE_LDFLAGS := -fsanitize=address,undefined
else
MODE_CFLAGS := -O2 -D_FORTIFY_SOURCE=2 -fstack-protector-strong -fPIE
MODE_LDFLAGS := -pie -Wl,-z,relro,-z,now
endif

CFLAGS_ALL := $(BASE_CFLAGS) $(MODE_CFLAGS) $(CFLAGS)
LDFLAGS_ALL := $(MODE_LDFLAGS) $(LDFLAGS)

LIB_SRC := $(filter-out src/cli/%,$(wildcard src/*/*.c))
CLI_SRC := $(wildcard src/cli/*.c)
WEB_FILES := $(sort $(shell find web -type f 2>/dev/null))
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
SEED_FILES := $(sort $(wildcard data/seed/*))
STRESS_FILES := $(sort $(wildcard data/stresscheck/*.csv))

GEN_SRC := $(GEN)/assets.c $(GEN)/migrations.c $(GEN)/seed.c $(GEN)/stresscheck.c $(GEN)/pii_model.c
# The guard's learned name model is trained at build time from the labelled
# texts (src/pii/pii_learn.c, tools/pii_train.c, docs/pii.md): every file a
# round or a mend has read (eval_*.txt, and since session 21 read_*.txt,
# kept out of the model from session 16 to 20) and the cases; never from
# tests/data/pii/heldout_*.txt, which no one has read and test_pii scores as
# unseen text.
PII_TRAIN_FILES ?= $(sort $(wildcard tests/data/pii/eval*.txt tests/data/pii/read_blind*.txt tests/data/pii/cases*.txt))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(GEN_SRC:$(GEN)/%.c=$(BUILD)/obj/gen/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(wildcard bench/*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
BENCH_HDR := $(wildcard bench/*.h)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)

.PHONY: all build run test unit bench fuzz fuzz-build tsan clean deps sample-db install

all: build
build: $(BUILD)/yakuba

deps:
	@bash scripts/deps.sh

run: deps
	@$(MAKE) --no-print-directory build
	@bash scripts/run.sh

test: deps
	@bash scripts/run-tests.sh

unit: $(UNIT_BIN)

# The search and qa unit tests include readers racing delta updates.
TSAN_TESTS := test_search test_qa
tsan:
	@$(MAKE) --no-print-directory MODE=tsan $(TSAN_TESTS:%=build/tsan/tests/%)
	@set -e; for t in $(TSAN_TESTS); do \
		TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" build/tsan/tests/$$t; done

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/obj/gen/%.o: $(GEN)/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Wno-overlength-strings -c $< -o $@

$(BUILD)/libyakuba.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/yakuba: $(CLI_OBJ) $(BUILD)/libyakuba.a
	$(CC) $(LDFLAGS_ALL) -o $@ $(CLI_OBJ) $(BUILD)/libyakuba.a $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libyakuba.a $(wildcard tests/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests -o $@ $< $(BUILD)/libyakuba.a $(LDFLAGS_ALL) $(PKG_LIBS)

bench: $(BENCH_BIN)
$(BUILD)/bench/%: bench/%.c $(BUILD)/libyakuba.a $(BENCH_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libyakuba.a $(LDFLAGS_ALL) $(PKG_LIBS)

# Embedded files: web assets, SQL migrations and the sample data of the
# fictional city (data/seed/) become C arrays.
$(BUILD)/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE -O1 -Wall -Wextra -o $@ $<

$(GEN)/assets.c: $(WEB_FILES) $(BUILD)/embed
	@mkdir -p $(GEN)
	$(BUILD)/embed yk_assets web $(WEB_FILES) > $@.tmp && mv $@.tmp $@

$(GEN)/seed.c: $(SEED_FILES) $(BUILD)/embed
	@mkdir -p $(GEN)
	$(BUILD)/embed yk_seed data/seed $(SEED_FILES) > $@.tmp && mv $@.tmp $@

# The official 57 items and 素点換算表 of the stress check (src/wellbeing/).
$(GEN)/stresscheck.c: $(STRESS_FILES) $(BUILD)/embed
	@mkdir -p $(GEN)
	$(BUILD)/embed yk_stresscheck_data data/stresscheck $(STRESS_FILES) > $@.tmp && mv $@.tmp $@

# The trainer links the library's objects without the model it makes.
MODEL_FREE_OBJ := $(filter-out $(BUILD)/obj/gen/pii_model.o,$(LIB_OBJ))
$(BUILD)/pii_train: tools/pii_train.c bench/pii_markup.h $(MODEL_FREE_OBJ)
	@echo "LINK $@"
	@$(CC) $(CFLAGS_ALL) -o $@ tools/pii_train.c $(MODEL_FREE_OBJ) $(LDFLAGS_ALL) $(PKG_LIBS)

# The names of the training files, rewritten only when they change: a file
# renamed into the set (git mv keeps its old time) retrains the model too.
$(GEN)/pii_train.list: FORCE
	@mkdir -p $(GEN)
	@printf '%s\n' $(PII_TRAIN_FILES) > $@.tmp; \
	if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
FORCE:
.PHONY: FORCE

ifeq ($(MODE),release)
$(GEN)/pii_model.bin: $(BUILD)/pii_train $(PII_TRAIN_FILES) $(GEN)/pii_train.list
	@mkdir -p $(GEN)
	@echo "TRAIN $@ ($(words $(PII_TRAIN_FILES)) labelled files)"
	@$(BUILD)/pii_train -o $@.tmp $(PII_TRAIN_FILES) && mv $@.tmp $@
else
# The sanitizer and fuzz builds embed the release build's model: the
# trainer is deterministic (the same bytes under ASan as at -O2) and trains
# in 17 s at -O2, 43 s under ASan and several minutes under TSan. Copied
# only when it differs, so that an unchanged model rebuilds nothing.
$(GEN)/pii_model.bin: FORCE
	@$(MAKE) --no-print-directory MODE=release BUILD=build/release build/release/gen/pii_model.bin
	@mkdir -p $(GEN)
	@cmp -s build/release/gen/pii_model.bin $@ || cp build/release/gen/pii_model.bin $@
endif

$(GEN)/pii_model.c: $(GEN)/pii_model.bin $(BUILD)/embed
	$(BUILD)/embed yk_pii_model $(GEN) $(GEN)/pii_model.bin > $@.tmp && mv $@.tmp $@

$(GEN)/migrations.c: $(MIGRATIONS) $(BUILD)/embed
	@mkdir -p $(GEN)
	$(BUILD)/embed yk_migrations src/store/migrations $(MIGRATIONS) > $@.tmp && mv $@.tmp $@

# libFuzzer targets: `make MODE=fuzz fuzz-build` builds the library with
# clang and coverage instrumentation, then links each target with
# -fsanitize=fuzzer. `make fuzz` does that and runs every target for
# FUZZ_SECONDS (scripts/fuzz.sh); a target without a corpus directory fails.
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_SECONDS ?= 60
FUZZ_NICE ?= 0
FUZZ_JOBS ?= 1
FUZZ_MERGE ?= 0
fuzz:
	@$(MAKE) --no-print-directory MODE=fuzz fuzz-build
	@FUZZ_NICE=$(FUZZ_NICE) FUZZ_JOBS=$(FUZZ_JOBS) FUZZ_MERGE=$(FUZZ_MERGE) bash scripts/fuzz.sh $(FUZZ_SECONDS) build/fuzz/fuzz
fuzz-build: $(FUZZ_BIN)
$(BUILD)/fuzz/%: tests/fuzz/%.c $(BUILD)/libyakuba.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -fsanitize=fuzzer -o $@ $< $(BUILD)/libyakuba.a $(LDFLAGS_ALL) $(PKG_LIBS)

# Installation as a system service (packaging/, docs/install.md). With an
# empty DESTDIR and as root it also creates the system user and the
# database directory and reloads systemd; into a DESTDIR it only builds the
# tree (a package's postinst does the rest).
PREFIX ?= /usr
BINDIR ?= $(PREFIX)/bin
LIBEXECDIR ?= $(PREFIX)/libexec
DOCDIR ?= $(PREFIX)/share/doc/yakuba
UNITDIR ?= /lib/systemd/system
SYSUSERSDIR ?= /usr/lib/sysusers.d
TMPFILESDIR ?= /usr/lib/tmpfiles.d
SYSCONFDIR ?= /etc
STATEDIR ?= /var/lib/yakuba
PKG_SUBST = sed -e 's|@BINDIR@|$(BINDIR)|g' -e 's|@LIBEXECDIR@|$(LIBEXECDIR)|g' -e 's|@DOCDIR@|$(DOCDIR)|g'

install: $(BUILD)/yakuba
	install -d -m 0755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXECDIR)/yakuba $(DESTDIR)$(UNITDIR) \
		$(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR) $(DESTDIR)$(DOCDIR) $(DESTDIR)$(SYSCONFDIR)/default
	install -m 0755 $(BUILD)/yakuba $(DESTDIR)$(BINDIR)/yakuba
	$(PKG_SUBST) packaging/yakuba-backup > $(DESTDIR)$(LIBEXECDIR)/yakuba/yakuba-backup
	chmod 0755 $(DESTDIR)$(LIBEXECDIR)/yakuba/yakuba-backup
	$(PKG_SUBST) packaging/yakuba.service.in > $(DESTDIR)$(UNITDIR)/yakuba.service
	$(PKG_SUBST) packaging/yakuba-backup.service.in > $(DESTDIR)$(UNITDIR)/yakuba-backup.service
	install -m 0644 packaging/yakuba-backup.timer $(DESTDIR)$(UNITDIR)/yakuba-backup.timer
	chmod 0644 $(DESTDIR)$(UNITDIR)/yakuba.service $(DESTDIR)$(UNITDIR)/yakuba-backup.service
	install -m 0644 packaging/yakuba.sysusers $(DESTDIR)$(SYSUSERSDIR)/yakuba.conf
	install -m 0644 packaging/yakuba.tmpfiles $(DESTDIR)$(TMPFILESDIR)/yakuba.conf
	install -m 0644 README.md docs/install.md docs/settings.md $(DESTDIR)$(DOCDIR)/
	@# A local /etc/default/yakuba is the admin's: never overwritten.
	test -e $(DESTDIR)$(SYSCONFDIR)/default/yakuba || \
		install -m 0644 packaging/yakuba.default $(DESTDIR)$(SYSCONFDIR)/default/yakuba
	install -d -m 0700 $(DESTDIR)$(STATEDIR) $(DESTDIR)$(STATEDIR)/backup
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then \
		if command -v systemd-sysusers >/dev/null; then systemd-sysusers $(SYSUSERSDIR)/yakuba.conf; \
		elif ! getent passwd yakuba >/dev/null; then \
			useradd --system --home-dir $(STATEDIR) --shell /usr/sbin/nologin --user-group yakuba; fi; \
		chown yakuba:yakuba $(STATEDIR) $(STATEDIR)/backup; \
		if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi; \
		echo "yakuba: installed; next: docs/install.md (yakuba init, systemctl enable --now yakuba yakuba-backup.timer)"; \
	fi

# make deb: the Debian package (docs/install.md). debian/rules builds with this Makefile into
# build/debian and installs with `make install DESTDIR=`, so the package
# holds exactly what `make install` installs. dpkg-buildpackage writes into
# the parent directory; the results are moved into build/.
DEB_VERSION = $(shell dpkg-parsechangelog -S Version 2>/dev/null)
DEB_ARCH = $(shell dpkg-architecture -qDEB_HOST_ARCH 2>/dev/null)
.PHONY: deb
deb:
	dpkg-buildpackage -b -us -uc
	@mkdir -p build
	@# The -dbgsym package exists unless DEB_BUILD_OPTIONS=noautodbgsym.
	for f in yakuba_$(DEB_VERSION)_$(DEB_ARCH).deb yakuba_$(DEB_VERSION)_$(DEB_ARCH).buildinfo \
		yakuba_$(DEB_VERSION)_$(DEB_ARCH).changes yakuba-dbgsym_$(DEB_VERSION)_$(DEB_ARCH).deb; do \
		if [ -e ../$$f ]; then mv ../$$f build/; fi; done
	@ls -l build/yakuba_$(DEB_VERSION)_$(DEB_ARCH).deb

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
