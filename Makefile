# Emacs 28.2 and 30.2 with their hash tables stored in a JVM.
#
#   make check       build everything and run every test (what CI runs):
#                    first the fast checks (lint, then the Maven build's Java
#                    and native tests, a few minutes), then Emacs's whole
#                    test suite on the patched and on stock Emacs, compared
#                    test by test, 28.2's (emacs-check), then 30.2's
#                    (emacs-check-30); last, make install-check
#   make lint        the C files against .clang-format (Java's style is
#                    checked by Maven, first thing in its build)
#   make format      reformat the C files to .clang-format
#   make run         build and start the patched Emacs (ARGS='...' for more)
#                    run, fuzz, stress, bench, install and emacs-work
#                    take HTS_EMACS=30 (the default) or HTS_EMACS=28
#   make bench-java  the JMH store benchmark; results in bench/results/
#   make bench-crossing  ns per C->Java and Java->C call, for the backend in use
#   make bench       patched against stock Emacs (HTS_EMACS): bench/results/30/
#                    or 28/; bench/results/report.md and ratios.svg: both
#   make fuzz        differential fuzzing against stock (SEED=, N=, STEPS=,
#                    FUZZ_PER_PROCESS=); a program that differs is shrunk into
#                    emacs-tests/fuzz-regressions
#   make stress      the long GC stress and leak run (STRESS_ROUNDS= of 10,000 tables)
#   make emacs       the patched Emacs 28.2: build/emacs/src/emacs
#   make stock-emacs the unpatched Emacs 28.2, same flags: build/stock-emacs/src/emacs
#   make emacs-30    the patched Emacs 30.2: build/emacs-30/src/emacs
#   make stock-emacs-30  the unpatched Emacs 30.2, the same flags less the two
#                    30 no longer has (json, gmp: built in when found):
#                    build/stock-emacs-30/src/emacs
#   make install     the patched Emacs (HTS_EMACS=30, the default, or 28)
#                    into PREFIX (/usr/local), its store into
#                    PREFIX/lib/emacs-hts; PREFIX/bin/emacs runs from anywhere
#   make install-check  make install into a temporary prefix, and a table
#                    through the installed Emacs (make check's last step)
#   make emacs-work  a git tree of the patched source, one commit per patch,
#                    in build/emacs-work-30 (HTS_EMACS=28: build/emacs-work,
#                    from emacs-patches/28/); make emacs-patches writes it back
#   make clean       remove everything the build made: target/ and build/
#                    (the Emacs trees, the fetched sources, emacs-work too)
#   make help        this list
#
# EMACS_SRC=dir builds from that Emacs 28.2 tree instead of Debian's pinned
# source package (fetched into build/src/ by tools/emacs-source.sh).
#
# Maven builds the Java store, the C shim (native/, through CMake) and the
# C mock heap, and runs all their tests; later stages add the patched Emacs.

# The JDK everything is built with and the patched Emacs runs on:
# tools/find-jdk picks the newest with FFM (22 and later), which gives the
# FFM backend; HTS_JDK=dir chooses another (before 22: the JNA backend).
# The native tests also run on HTS_ALT_JDK, javac's own JDK if it differs.
HTS_JDK ?= $(shell tools/find-jdk)
HTS_ALT_JDK ?= $(shell tools/find-jdk --alt)
export JAVA_HOME := $(HTS_JDK)
MVN ?= mvn -B -Dhts.alt.java.home=$(HTS_ALT_JDK)
JMH_ARGS ?= -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
RESULTS := bench/results

.PHONY: FORCE install install-check fuzz stress bench check lint format java-check emacs-check emacs-check-30 run bench-java bench-crossing stock-emacs stock-emacs-30 emacs emacs-30 shim emacs-work emacs-patches clean help

NATIVE := target/native
BUILD := build
EMACS_CONFIGURE := --without-x --without-all --with-threads --with-modules \
	--with-json --with-zlib --with-xml2 --with-gmp --with-dumping=pdumper \
	--without-native-compilation
# What building Emacs with EMACS_CONFIGURE needs from Debian.
EMACS_BUILD_DEPS := autoconf automake texinfo pkg-config dpkg-dev libncurses-dev \
	libgmp-dev libjansson-dev zlib1g-dev libxml2-dev
PRISTINE := $(if $(EMACS_SRC),$(EMACS_SRC),$(BUILD)/src/emacs-28.2)
JOBS ?= $(shell nproc)
# One patch series per Emacs version, in emacs-patches/VERSION/.
PATCHES_28 := $(addprefix emacs-patches/28/,$(shell cat emacs-patches/28/series))
PATCHES_30 := $(addprefix emacs-patches/30/,$(shell cat emacs-patches/30/series))
# The Emacs version make run, fuzz, stress, bench, install, emacs-work and emacs-patches
# take: 30 or 28.  (Not EMACS, which a command line would pass on to
# Emacs's own makefiles, where it names the Emacs to run.)
HTS_EMACS ?= 30
# The patched and the stock Emacs of each version.
PATCHED_28 := emacs
STOCK_28 := stock-emacs
PATCHED_30 := emacs-30
STOCK_30 := stock-emacs-30
PATCHED := $(PATCHED_$(HTS_EMACS))
STOCK := $(STOCK_$(HTS_EMACS))
SHIM := $(NATIVE)/libhts.so
# The patched Emacs finds the shim's header, the shim and libjsig here.
HTS_CONFIGURE := CPPFLAGS=-I$(CURDIR)/include \
	LDFLAGS="-L$(JAVA_HOME)/lib -L$(CURDIR)/$(NATIVE) -Wl,-rpath,$(JAVA_HOME)/lib -Wl,-rpath,$(CURDIR)/$(NATIVE)"

# The fast checks first, so that a style slip or a failing unit test
# stops the run in minutes, before the Emacs builds; in this order even
# under make -j.
check:
	$(MAKE) lint
	$(MAKE) java-check
	$(MAKE) emacs-check
	$(MAKE) emacs-check-30
	$(MAKE) install-check

lint:
	tools/check-format

format:
	tools/check-format --fix

# Checkstyle (checkstyle.xml), javac and the C compiler treat warnings as
# errors; then the JUnit and CTest tests.
java-check:
	$(MVN) verify

# Emacs's own suite on both builds of a version; then every test whose
# result differs from stock's, and a failure if any does or fewer are as
# expected; then emacs-tests/ (C-g, C stack overflow, threads, user-test
# exits, start-up failures, GC pacing) on both.  emacs-check is 28.2's,
# emacs-check-30 Emacs 30's.
define EMACS_CHECK
	-$(MAKE) -C $(BUILD)/$(2) check -j$(JOBS) > $(BUILD)/$(2)-check.log 2>&1
	-$(MAKE) -C $(BUILD)/$(1) check -j$(JOBS) > $(BUILD)/$(1)-check.log 2>&1
	tools/compare-test-results $(BUILD)/$(2)/test $(BUILD)/$(1)/test; \
	suite=$$?; \
	emacs-tests/run $(BUILD)/$(1)/src/emacs $(BUILD)/$(2)/src/emacs; \
	exit $$(( suite | $$? ))
endef

emacs-check: emacs stock-emacs
	$(call EMACS_CHECK,emacs,stock-emacs)

emacs-check-30: emacs-30 stock-emacs-30
	$(call EMACS_CHECK,emacs-30,stock-emacs-30)

# A long differential run; SEED defaults to the time, so each run is new.
SEED ?= $(shell date +%s)
N ?= 2000
STEPS ?= 80
# FUZZ_PER_PROCESS programs run in each Emacs, JOBS pairs at once; a
# program that differs there is run again alone, shrunk and saved.
FUZZ_PER_PROCESS ?= 50
fuzz: $(PATCHED) $(STOCK)
	tools/fuzz $(BUILD)/$(PATCHED)/src/emacs $(BUILD)/$(STOCK)/src/emacs \
	    --seed $(SEED) --programs $(N) --steps $(STEPS) --per-process $(FUZZ_PER_PROCESS) \
	    --jobs $(JOBS) --save emacs-tests/fuzz-regressions

# Millions of tables made and dropped (STRESS_ROUNDS x 10,000), on both.
STRESS_ROUNDS ?= 300
stress: $(PATCHED) $(STOCK)
	for e in $(BUILD)/$(PATCHED)/src/emacs $(BUILD)/$(STOCK)/src/emacs; do \
	    echo "== $$e"; \
	    $$e -Q --batch -l emacs-tests/stress.el \
	        --eval '(hts-stress-run $(STRESS_ROUNDS) 10000)' || exit 1; \
	done

# make run ARGS='...' passes arguments to Emacs.
run: $(PATCHED)
	$(BUILD)/$(PATCHED)/src/emacs -nw -Q $(ARGS)

# The patched against the stock Emacs of HTS_EMACS: BENCH_RUNS runs of
# each benchmark per Emacs, alternating; the test suite twice each (its
# tests compiled by a first make check).  The patched Emacs also runs on
# the JNA backend unless BENCH_JNA is empty.  Results in
# bench/results/HTS_EMACS/; bench/results/report.md sets every version's
# last run side by side.
BENCH_RUNS ?= 5
BENCH_JNA ?= --jna
bench: $(PATCHED) $(STOCK) bench-crossing
	for t in $(PATCHED) $(STOCK); do \
	    test -f $(BUILD)/$$t/test/src/fns-tests.elc \
	    || $(MAKE) -C $(BUILD)/$$t check -j$(JOBS) > /dev/null 2>&1 || true; \
	done
	tools/bench $(BUILD)/$(PATCHED)/src/emacs $(BUILD)/$(STOCK)/src/emacs $(RESULTS)/$(HTS_EMACS) \
	    --runs $(BENCH_RUNS) --suite --jdk $(HTS_JDK) $(BENCH_JNA)

bench-java:
	@mkdir -p $(RESULTS)
	$(MVN) -q -Pjmh test-compile exec:exec \
	    -Djmh.args="$(JMH_ARGS) -rf json -rff $(CURDIR)/$(RESULTS)/jmh-store.json StoreBenchmark" \
	    | tee $(RESULTS)/jmh-store.txt

$(SHIM) $(NATIVE)/test-fixtures/bench_crossing: pom.xml $(shell find java native include test-fixtures -type f)
	$(MVN) -q package -DskipTests
	touch $(SHIM) $(NATIVE)/test-fixtures/bench_crossing

shim: $(SHIM)

bench-crossing: $(NATIVE)/test-fixtures/bench_crossing
	@mkdir -p $(RESULTS)
	HTS_TEST_HOOKS=1 $(NATIVE)/test-fixtures/bench_crossing 2000000 | tee $(RESULTS)/crossing.txt

# ---- Emacs -------------------------------------------------------------

$(BUILD)/src/emacs-28.2/autogen.sh:
	tools/emacs-source.sh $(BUILD)/src/emacs-28.2

# A build tree is a copy of the source, autogen'd and configured once.
$(BUILD)/stock-emacs/Makefile: | $(PRISTINE)/autogen.sh
	tools/debian-packages.sh $(EMACS_BUILD_DEPS)
	rm -rf $(BUILD)/stock-emacs
	cp -a $(PRISTINE) $(BUILD)/stock-emacs
	cd $(BUILD)/stock-emacs && ./autogen.sh autoconf > autogen.log 2>&1
	cd $(BUILD)/stock-emacs && ./configure $(EMACS_CONFIGURE) > configure.log 2>&1 \
	    || { tail -20 configure.log; exit 1; }

stock-emacs: $(BUILD)/stock-emacs/Makefile
	$(MAKE) -C $(BUILD)/stock-emacs -j$(JOBS) > $(BUILD)/stock-emacs.log 2>&1 \
	    || { tail -30 $(BUILD)/stock-emacs.log; exit 1; }
	@$(BUILD)/stock-emacs/src/emacs --version | head -1

# Emacs 30.2, Debian's.
PRISTINE_30 := $(BUILD)/src/emacs-30.2
# 30's configure no longer knows these two (json and gmp are built in when found).
EMACS_CONFIGURE_30 := $(filter-out --with-json --with-gmp,$(EMACS_CONFIGURE))
$(PRISTINE_30)/autogen.sh:
	tools/emacs-source.sh $(PRISTINE_30) 30

$(BUILD)/stock-emacs-30/Makefile: | $(PRISTINE_30)/autogen.sh
	tools/debian-packages.sh $(EMACS_BUILD_DEPS)
	rm -rf $(BUILD)/stock-emacs-30
	cp -a $(PRISTINE_30) $(BUILD)/stock-emacs-30
	cd $(BUILD)/stock-emacs-30 && ./autogen.sh autoconf > autogen.log 2>&1
	cd $(BUILD)/stock-emacs-30 && ./configure $(EMACS_CONFIGURE_30) \
	    > configure.log 2>&1 || { tail -20 configure.log; exit 1; }

stock-emacs-30: $(BUILD)/stock-emacs-30/Makefile
	$(MAKE) -C $(BUILD)/stock-emacs-30 -j$(JOBS) > $(BUILD)/stock-emacs-30.log 2>&1 \
	    || { tail -30 $(BUILD)/stock-emacs-30.log; exit 1; }
	@$(BUILD)/stock-emacs-30/src/emacs --version | head -1

# The patched tree: a copy of the source with the series applied before
# autogen, so that only source files differ.  A changed series starts over.
$(BUILD)/emacs/Makefile: emacs-patches/28/series $(PATCHES_28) $(BUILD)/emacs.jdk | $(PRISTINE)/autogen.sh $(SHIM)
	tools/debian-packages.sh $(EMACS_BUILD_DEPS)
	rm -rf $(BUILD)/emacs
	cp -a $(PRISTINE) $(BUILD)/emacs
	for p in $(PATCHES_28); do patch -s -p1 -d $(BUILD)/emacs < $$p || exit 1; done
	cd $(BUILD)/emacs && ./autogen.sh autoconf > autogen.log 2>&1
	cd $(BUILD)/emacs && ./configure $(EMACS_CONFIGURE) $(HTS_CONFIGURE) > configure.log 2>&1 \
	    || { tail -20 configure.log; exit 1; }

# Emacs 30.2 patched the same way, from emacs-patches/30/.
$(BUILD)/emacs-30/Makefile: emacs-patches/30/series $(PATCHES_30) $(BUILD)/emacs.jdk | $(PRISTINE_30)/autogen.sh $(SHIM)
	tools/debian-packages.sh $(EMACS_BUILD_DEPS)
	rm -rf $(BUILD)/emacs-30
	cp -a $(PRISTINE_30) $(BUILD)/emacs-30
	for p in $(PATCHES_30); do patch -s -p1 -d $(BUILD)/emacs-30 < $$p || exit 1; done
	cd $(BUILD)/emacs-30 && ./autogen.sh autoconf > autogen.log 2>&1
	cd $(BUILD)/emacs-30 && ./configure $(EMACS_CONFIGURE_30) $(HTS_CONFIGURE) > configure.log 2>&1 \
	    || { tail -20 configure.log; exit 1; }

emacs-30: $(SHIM) $(BUILD)/emacs-30/Makefile
	$(MAKE) -C $(BUILD)/emacs-30 -j$(JOBS) > $(BUILD)/emacs-30.log 2>&1 \
	    || { tail -30 $(BUILD)/emacs-30.log; exit 1; }
	@$(BUILD)/emacs-30/src/emacs --version | head -1

# The patched Emacs links the JDK's libjsig: another JDK starts over.
$(BUILD)/emacs.jdk: FORCE
	@mkdir -p $(BUILD)
	@echo '$(HTS_JDK)' | cmp -s - $@ || echo '$(HTS_JDK)' > $@

emacs: $(SHIM) $(BUILD)/emacs/Makefile
	$(MAKE) -C $(BUILD)/emacs -j$(JOBS) > $(BUILD)/emacs.log 2>&1 \
	    || { tail -30 $(BUILD)/emacs.log; exit 1; }
	@$(BUILD)/emacs/src/emacs --version | head -1

# Hunk headers name the function, DEFUN or struct a change is in: GNU
# style starts their definitions in column 0 (git's default would often
# name a doc string's line).  One pattern per line; ! excludes.
GNU_C_FUNCNAME := '!^Copyright ' '^(DEFUN \(.*)$$' '^((struct|union|enum) [A-Za-z_]+)$$' \
	'^(((static|extern|INLINE) )?[A-Za-z_][A-Za-z_0-9]*( \**[A-Za-z_][A-Za-z_0-9]*)? \([^;]*[),])$$'
WORK_28 := $(BUILD)/emacs-work
WORK_30 := $(BUILD)/emacs-work-30
PRISTINE_28 := $(PRISTINE)
emacs-work: | $(PRISTINE_$(HTS_EMACS))/autogen.sh
	rm -rf $(WORK_$(HTS_EMACS))
	cp -a $(PRISTINE_$(HTS_EMACS)) $(WORK_$(HTS_EMACS))
	cd $(WORK_$(HTS_EMACS)) && rm -rf .pc && git init -q \
	    && echo '*.[ch] diff=gnu-c' > .git/info/attributes \
	    && git config diff.gnu-c.xfuncname "$$(printf '%s\n' $(GNU_C_FUNCNAME))" && git add -A \
	    && git -c user.name=emacs-hts -c user.email=dev@emacs-hts commit -qm pristine \
	    && git tag pristine \
	    && git -c user.name=emacs-hts -c user.email=dev@emacs-hts am -q $(addprefix $(CURDIR)/,$(PATCHES_$(HTS_EMACS)))

emacs-patches:
	rm -f emacs-patches/$(HTS_EMACS)/*.patch
	cd $(WORK_$(HTS_EMACS)) && git format-patch -q --zero-commit --no-signature -o $(CURDIR)/emacs-patches/$(HTS_EMACS) pristine..HEAD
	cd emacs-patches/$(HTS_EMACS) && ls *.patch > series

# ---- make install ------------------------------------------------------

# The patched Emacs of HTS_EMACS into PREFIX, and its store (shim, jars,
# AOT cache) into PREFIX/lib/emacs-hts, where the installed shim finds
# them.  Emacs compiles its install directories in, so a copy of the
# patched build tree is configured for PREFIX and linked to look for the
# shim there first; its C is recompiled and its Emacs relinked and
# redumped, its compiled Lisp reused.
PREFIX ?= /usr/local
HTS_LIBDIR = $(abspath $(PREFIX))/lib/emacs-hts
INSTALL_TREE = $(BUILD)/install-$(HTS_EMACS)
EMACS_CONFIGURE_28 := $(EMACS_CONFIGURE)
install: $(SHIM) $(PATCHED)
	MVN="$(MVN)" tools/install-store $(SHIM) $(HTS_LIBDIR)
	rm -rf $(INSTALL_TREE)
	cp -a $(BUILD)/$(PATCHED) $(INSTALL_TREE)
	cd $(INSTALL_TREE) && ./configure --prefix=$(abspath $(PREFIX)) \
	    $(EMACS_CONFIGURE_$(HTS_EMACS)) CPPFLAGS=-I$(CURDIR)/include \
	    LDFLAGS="-L$(JAVA_HOME)/lib -L$(CURDIR)/$(NATIVE) -Wl,-rpath,$(HTS_LIBDIR) -Wl,-rpath,$(JAVA_HOME)/lib" \
	    > configure.log 2>&1 || { tail -20 configure.log; exit 1; }
	rm -f $(INSTALL_TREE)/src/temacs $(INSTALL_TREE)/src/emacs
	$(MAKE) -C $(INSTALL_TREE) -j$(JOBS) install > $(INSTALL_TREE).log 2>&1 \
	    || { tail -30 $(INSTALL_TREE).log; exit 1; }
	@$(abspath $(PREFIX))/bin/emacs --version | head -1

# make install into a temporary prefix, then a table through the
# installed Emacs, run from /: its process must map the shim (and the
# AOT cache) from the prefix and nothing of the build tree.
install-check:
	prefix=$$(mktemp -d /tmp/hts-install.XXXXXX) \
	&& $(MAKE) install PREFIX=$$prefix \
	&& tools/check-install $$prefix; \
	status=$$?; rm -rf $$prefix; exit $$status

clean:
	$(MVN) -q clean
	rm -rf $(BUILD)

help:
	@sed -n '/^#   make /,/^#$$/p' $(firstword $(MAKEFILE_LIST)) | sed 's/^# \{0,1\}//'
