# corpusc and the corpus release: one top-level Makefile (docs/conventions.md section 8).
#   make            build build/corpusc
#   make release    lint the corpus and write build/release/<name>-<version>/ + .tar.gz
#   make check      run every test (alias: make test); T=<test> runs one
#                   CLI script (T=t4030-hostile-regex) or unit binary (T=test_rules)
#   make install    PREFIX=/usr/local DESTDIR=
# DEVELOPER=1 adds -Werror; SANITIZE=address,undefined builds with sanitizers.

BUILDDIR ?= build
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
CC ?= cc
PKG_CONFIG ?= pkg-config
PKGS = libcmark yaml-0.1 libpcre2-8 libcrypto

CFLAGS ?= -O2 -g
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -DPCRE2_CODE_UNIT_WIDTH=8
WARN = -std=c11 -Wall -Wextra -pedantic -Wstrict-prototypes -Wmissing-prototypes \
       -Wwrite-strings -Wvla -Wshadow -Wformat=2
ifeq ($(DEVELOPER),1)
WARN += -Werror
endif
ifneq ($(SANITIZE),)
CFLAGS += -fsanitize=$(SANITIZE) -fno-sanitize-recover=$(SANITIZE) -fno-omit-frame-pointer
LDFLAGS += -fsanitize=$(SANITIZE)
endif

# recursively expanded: evaluated after the deps step has run
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS))

SRCS := $(sort $(wildcard compiler/*.c))
# files built into corpusc (compiler/assets.h): scripts/embed.sh makes them C
ASSETS := $(sort $(wildcard compiler/assets/*)) $(sort $(wildcard schemas/*.json)) \
	docs/rater-guide.md
GEN_ASSETS = $(BUILDDIR)/gen/assets_data.c
OBJS := $(SRCS:compiler/%.c=$(BUILDDIR)/obj/%.o) $(BUILDDIR)/obj/assets_data.o
LIBOBJS := $(filter-out $(BUILDDIR)/obj/main.o,$(OBJS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILDDIR)/tests/%)

CORPUSC = $(BUILDDIR)/corpusc

.PHONY: all deps deps-check deps-fuzz fuzz-smoke release check test golden clean install asan ubsan \
	leakcheck lint format format-check fuzz bench unit

all: $(CORPUSC)

deps:
	@sh scripts/deps.sh build

# after deps, never beside it: under make -j both would run apt-get at once
# and one would fail on dpkg's lock
deps-check: deps
	@sh scripts/deps.sh check

$(BUILDDIR)/obj/%.o: compiler/%.c | deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(GEN_ASSETS): scripts/embed.sh $(ASSETS)
	@mkdir -p $(@D)
	sh scripts/embed.sh $(ASSETS) >$@.tmp && mv $@.tmp $@

$(BUILDDIR)/obj/assets_data.o: $(GEN_ASSETS) | deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) -Icompiler -c $< -o $@

$(CORPUSC): $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS) -lm -lpthread

$(BUILDDIR)/tests/%: tests/unit/%.c $(LIBOBJS) | deps
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Icompiler -Itests/unit \
		$(LDFLAGS) -o $@ $< $(LIBOBJS) $(PKG_LIBS) -lm -lpthread

unit: $(UNIT_BINS)

VERSION = $(shell sed -n 's/^version:[[:space:]]*//p' corpus/corpus.yaml | tr -d "\"' ")
NAME = $(shell sed -n 's/^name:[[:space:]]*//p' corpus/corpus.yaml | tr -d "\"' ")

release: $(CORPUSC)
	$(CORPUSC) lint corpus
	$(CORPUSC) build --out $(BUILDDIR)/release
	sh scripts/pack.sh $(BUILDDIR)/release $(NAME)-$(VERSION)

# T: what to run instead of everything (tests/run.sh's arguments)
check: deps-check $(CORPUSC) $(UNIT_BINS)
	@BUILDDIR=$(BUILDDIR) sh tests/run.sh $(T)

test: check

asan:
	$(MAKE) check SANITIZE=address,undefined BUILDDIR=$(BUILDDIR)/asan

ubsan:
	$(MAKE) check SANITIZE=undefined BUILDDIR=$(BUILDDIR)/ubsan

# valgrind over the corpus and the golden fixtures; pcre2's JIT code reads
# past its subject on purpose (SIMD), so the interpreter is used here
leakcheck: $(CORPUSC)
	@command -v valgrind >/dev/null || { echo "install valgrind (apt-get install valgrind)"; exit 2; }
	@for d in corpus tests/golden/*/corpus; do \
		CORPUSC_NO_JIT=1 valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
			--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
			$(CORPUSC) lint $$d >/dev/null 2>$(BUILDDIR)/leakcheck.log; \
		[ $$? != 99 ] || { cat $(BUILDDIR)/leakcheck.log; echo "leakcheck: $$d"; exit 1; }; \
	done
	@rm -rf $(BUILDDIR)/leakcheck-out
	@CORPUSC_NO_JIT=1 valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=99 $(CORPUSC) build --out $(BUILDDIR)/leakcheck-out >/dev/null 2>$(BUILDDIR)/leakcheck.log || \
		{ cat $(BUILDDIR)/leakcheck.log; exit 1; }
	@rm -rf $(BUILDDIR)/leakcheck-out
	@echo "leakcheck: no leaks and no memory errors"

# clang-tidy (.clang-tidy) with the build's flags, four files a run, two runs at once
lint: | deps
	@command -v clang-tidy >/dev/null || { echo "install clang-tidy (apt-get install clang-tidy)"; exit 2; }
	@printf '%s\n' $(SRCS) | xargs -P2 -n4 sh -c 'exec clang-tidy --quiet "$$@" -- \
		$(CPPFLAGS) -std=c11 $(PKG_CFLAGS)' lint || { echo "lint: clang-tidy found problems"; exit 1; }
	@echo "lint: clang-tidy found nothing"

format:
	clang-format -i --style=file compiler/*.c compiler/*.h

format-check:
	clang-format --dry-run --Werror --style=file compiler/*.c compiler/*.h

BENCH_N ?= 20000
# BENCH_SCALE=5: also build and lint 5 * BENCH_N files and compare peak memory
$(BUILDDIR)/peakrss: bench/peakrss.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $<

bench: $(CORPUSC) $(BUILDDIR)/peakrss
	python3 bench/bench.py $(CORPUSC) $(BENCH_N) $(BUILDDIR)/bench \
		$(if $(BENCH_SCALE),--scale $(BENCH_SCALE))

# libFuzzer targets (Debian clang + libclang-rt): make fuzz [FUZZ_TIME=60]
FUZZ_CC ?= clang
FUZZ_TIME ?= 60
FUZZ_TARGETS = frontmatter body rules prefilter ytree
FUZZ_BINS = $(FUZZ_TARGETS:%=$(BUILDDIR)/fuzz/fuzz_%)
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined

$(BUILDDIR)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(SRCS) $(GEN_ASSETS) | deps-fuzz
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(CPPFLAGS) -DFUZZ_ROOT='"$(CURDIR)"' $(PKG_CFLAGS) -Icompiler \
		-o $@ $< $(filter-out compiler/main.c,$(SRCS)) $(GEN_ASSETS) $(PKG_LIBS) -lm -lpthread

deps-fuzz: deps
	@sh scripts/deps.sh fuzz

fuzz: $(FUZZ_BINS)
	@for t in $(FUZZ_TARGETS); do \
		seeds=$(BUILDDIR)/fuzz/seeds-$$t; found=$(BUILDDIR)/fuzz/found-$$t; \
		mkdir -p $$seeds $$found; \
		if [ $$t = rules ]; then cp lint-rules/*.yaml $$seeds/; \
		elif [ $$t = prefilter ]; then cp tests/fuzz/seeds-prefilter/* $$seeds/; \
		else find corpus tests/golden -name '*.md' -exec cp {} $$seeds/ \; 2>/dev/null; fi; \
		echo "fuzz_$$t: $(FUZZ_TIME) s"; \
		$(BUILDDIR)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=2048 \
			-max_len=65536 -dict=tests/fuzz/fuzz_$$t.dict -artifact_prefix=$$found/ \
			-print_final_stats=1 $$found $$seeds 2>$(BUILDDIR)/fuzz/fuzz_$$t.log || \
			{ tail -40 $(BUILDDIR)/fuzz/fuzz_$$t.log; echo "fuzz_$$t found a crash: see $$found"; exit 1; }; \
		grep -E 'stat::number_of_executed_units' $(BUILDDIR)/fuzz/fuzz_$$t.log; \
	done

fuzz-smoke:
	$(MAKE) fuzz FUZZ_TIME=10

golden: $(CORPUSC)
	@BUILDDIR=$(BUILDDIR) GOLDEN_UPDATE=1 sh tests/run.sh golden

install: $(CORPUSC)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(CORPUSC) $(DESTDIR)$(BINDIR)/corpusc
	install -m 644 docs/corpusc.1 $(DESTDIR)$(MANDIR)/man1/corpusc.1

clean:
	rm -rf $(BUILDDIR)

-include $(OBJS:.o=.d)
