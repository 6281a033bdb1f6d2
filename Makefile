# Emacs 28.2 and 30.2 with their hash tables stored in a JVM.
#
#   make check       build everything and run every test (what CI runs):
#                    first the fast checks (lint, then the Maven build's Java
#                    and native tests, a few minutes), then, for 30.2 and
#                    then 28.2, Emacs's whole test suite on the patched and
#                    on stock Emacs, compared test by test, and
#                    emacs-tests/run on both (emacs-check); last, make
#                    install-check.  28.2's suite does not fit CI's limit
#                    beside the rest: make check-all runs it too
#   make lint        the C files against .clang-format (Java's style is
#                    checked by Maven, first thing in its build)
#   make format      reformat the C files to .clang-format
#   make run         build and start the patched Emacs (ARGS='...' for more)
#                    run, fuzz, stress, bench, install, emacs-check,
#                    emacs-work and emacs-patches take HTS_EMACS=30 (the
#                    default) or HTS_EMACS=28, and HTS_CONFIG=shipped (the
#                    default: Debian's emacs-gtk, native compilation and
#                    GTK) or HTS_CONFIG=minimal (a bare terminal Emacs)
#   make check-all   make check with 28.2's suite too
#   make emacs-check the suite and emacs-tests/run for HTS_EMACS, HTS_CONFIG
#                    (HTS_SUITE=no: emacs-tests/run only)
#   make bench-java  the JMH store benchmark; results in bench/results/
#   make bench-crossing  ns per C->Java and Java->C call, for the backend in use
#   make bench       patched against stock Emacs (HTS_EMACS): bench/results/30/
#                    or 28/; bench/results/report.md and ratios.svg: both
#   make fuzz        differential fuzzing against stock (SEED=, N=, STEPS=,
#                    FUZZ_PER_PROCESS=, FUZZ_NATIVE=SPEED to native-compile
#                    each program); a program that differs is shrunk into
#                    emacs-tests/fuzz-regressions
#   make stress      the long GC stress and leak run (STRESS_ROUNDS= of 10,000 tables)
#   make patched-30  the patched Emacs 30.2: build/patched-30/src/emacs
#   make stock-30    the unpatched Emacs 30.2, same flags: build/stock-30/src/emacs
#   make patched-28, make stock-28  the same for 28.2; a -minimal suffix
#                    (make patched-30-minimal) builds the terminal
#                    configuration, in build/patched-30-minimal
#   make install     the patched Emacs (HTS_EMACS, HTS_CONFIG) into PREFIX
#                    (/usr/local), its store into PREFIX/lib/emacs-hts;
#                    PREFIX/bin/emacs runs from anywhere
#   make install-check  make install into a temporary prefix, then the
#                    installed Emacs fills a table, native-compiles a file
#                    and opens a window on Xvfb (make check's last step)
#   make emacs-work  a git tree of the patched source, one commit per patch,
#                    in build/emacs-work-30 (HTS_EMACS=28: build/emacs-work-28,
#                    from emacs-patches/28/); make emacs-patches writes it back
#   make clean       remove everything the build made: target/ and build/
#                    (the Emacs trees, the fetched sources, emacs-work too)
#   make help        this list
#
# EMACS_SRC=dir builds 28.2 from that Emacs 28.2 tree instead of Debian's
# pinned source package (fetched into build/src/ by tools/emacs-source.sh).
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

.PHONY: FORCE install install-check fuzz stress bench check check-all lint format java-check emacs-check run bench-java bench-crossing shim emacs-work emacs-patches clean help \
	patched-28 stock-28 patched-30 stock-30 patched-28-minimal stock-28-minimal patched-30-minimal stock-30-minimal

NATIVE := target/native
BUILD := build
JOBS ?= $(shell nproc)
# One patch series per Emacs version, in emacs-patches/VERSION/.
PATCHES_28 := $(addprefix emacs-patches/28/,$(shell cat emacs-patches/28/series))
PATCHES_30 := $(addprefix emacs-patches/30/,$(shell cat emacs-patches/30/series))
# The files both series build but neither patch carries: Emacs's side of
# the store, the same for every version, kept once here and copied into
# each patched tree's src/ (emacs-work links them).
EMACS_SHARED_SRC := $(wildcard emacs-patches/src/*)
# The Emacs version make run, fuzz, stress, bench, install, emacs-work and emacs-patches
# take: 30 or 28.  (Not EMACS, which a command line would pass on to
# Emacs's own makefiles, where it names the Emacs to run.)
HTS_EMACS ?= 30
# The configuration of the Emacs trees: shipped (Debian's emacs-gtk) or
# minimal (a bare terminal Emacs); see "---- Emacs" below.
HTS_CONFIG ?= shipped
# The tree of KIND (patched or stock), VERSION and CONFIG, in build/.
tree = $(1)-$(2)$(if $(filter minimal,$(3)),-minimal)
# The patched and the stock Emacs of that version and HTS_CONFIG.
PATCHED = $(call tree,patched,$(HTS_EMACS),$(HTS_CONFIG))
STOCK = $(call tree,stock,$(HTS_EMACS),$(HTS_CONFIG))
SHIM := $(NATIVE)/libhts.so

# The fast checks first, so that a style slip or a failing unit test
# stops the run in minutes, before the Emacs builds; in this order even
# under make -j.
#
# Both versions' suites in Debian's configuration do not fit CI's 90
# minutes beside four native-compiling builds, so check runs 30.2's in
# full and 28.2's without its suite (HTS_SUITE=no): its build
# native-compiles the preloaded files, and emacs-tests/run native-compiles,
# opens a window and fuzzes.  check-all adds 28.2's suite.  README.md
# gives the times.
SUITE_28 ?= no
check:
	$(MAKE) lint
	$(MAKE) java-check
	$(MAKE) emacs-check HTS_EMACS=30
	$(MAKE) emacs-check HTS_EMACS=28 HTS_SUITE=$(SUITE_28)
	$(MAKE) install-check

check-all:
	$(MAKE) check SUITE_28=yes

lint:
	tools/check-format

format:
	tools/check-format --fix

# Checkstyle (checkstyle.xml), javac and the C compiler treat warnings as
# errors; then the JUnit and CTest tests.
java-check:
	$(MVN) verify

# Emacs's own suite on the patched and the stock Emacs of HTS_EMACS and
# HTS_CONFIG; then every test whose result differs from stock's, and a
# failure if any does or fewer are as expected; then emacs-tests/ (C-g,
# C stack overflow, start-up failures, GC pacing, memory, fuzzing, and
# on a graphical build a session under Xvfb) on both.
HTS_SUITE ?= yes
emacs-check: $(PATCHED) $(STOCK)
	$(if $(EMACS_CHECK_DEPS_$(HTS_CONFIG)),tools/debian-packages.sh $(EMACS_CHECK_DEPS_$(HTS_CONFIG)))
ifeq ($(HTS_SUITE),yes)
	-$(MAKE) -C $(BUILD)/$(STOCK) check -j$(JOBS) > $(BUILD)/$(STOCK)-check.log 2>&1
	-$(MAKE) -C $(BUILD)/$(PATCHED) check -j$(JOBS) > $(BUILD)/$(PATCHED)-check.log 2>&1
	tools/compare-test-results $(BUILD)/$(STOCK)/test $(BUILD)/$(PATCHED)/test; \
	suite=$$?; \
	emacs-tests/run $(BUILD)/$(PATCHED)/src/emacs $(BUILD)/$(STOCK)/src/emacs; \
	exit $$(( suite | $$? ))
else
	emacs-tests/run $(BUILD)/$(PATCHED)/src/emacs $(BUILD)/$(STOCK)/src/emacs
endif

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
	    --jobs $(JOBS) --save emacs-tests/fuzz-regressions $(if $(FUZZ_NATIVE),--native $(FUZZ_NATIVE))

# Millions of tables made and dropped (STRESS_ROUNDS x 10,000), on both.
STRESS_ROUNDS ?= 300
stress: $(PATCHED) $(STOCK)
	for e in $(BUILD)/$(PATCHED)/src/emacs $(BUILD)/$(STOCK)/src/emacs; do \
	    echo "== $$e"; \
	    $$e -Q --batch -l emacs-tests/stress.el \
	        --eval '(hts-stress-run $(STRESS_ROUNDS) 10000)' || exit 1; \
	done

# make run ARGS='...' passes arguments to Emacs: a window where DISPLAY
# is set, else the terminal.
run: $(PATCHED)
	$(BUILD)/$(PATCHED)/src/emacs -Q $(ARGS)

# The patched against the stock Emacs of HTS_EMACS: BENCH_RUNS runs of
# each benchmark per Emacs, alternating; the test suite twice each (its
# tests compiled by a first make check).  The patched Emacs also runs on
# the JNA backend unless BENCH_JNA is empty.  Results in
# bench/results/HTS_EMACS/ (30-minimal/ and so on for HTS_CONFIG=minimal);
# bench/results/report.md sets every version's last run side by side.
BENCH_RUNS ?= 5
BENCH_JNA ?= --jna
bench: $(PATCHED) $(STOCK) bench-crossing
	for t in $(PATCHED) $(STOCK); do \
	    test -f $(BUILD)/$$t/test/src/fns-tests.elc \
	    || $(MAKE) -C $(BUILD)/$$t check -j$(JOBS) > /dev/null 2>&1 || true; \
	done
	tools/bench $(BUILD)/$(PATCHED)/src/emacs $(BUILD)/$(STOCK)/src/emacs \
	    $(RESULTS)/$(patsubst -%,%,$(call tree,,$(HTS_EMACS),$(HTS_CONFIG))) \
	    --runs $(BENCH_RUNS) --suite --jdk $(HTS_JDK) $(BENCH_JNA) \
	    --crossing $(RESULTS)/crossing.txt

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

# Four trees: build/patched-28, build/stock-28, build/patched-30 and
# build/stock-30, each a copy of Debian's source (the patched one with
# its series applied before autogen, so that only source files differ),
# configured once as Debian configures emacs-gtk (HTS_CONFIG=shipped) or
# for a bare terminal (HTS_CONFIG=minimal: build/patched-30-minimal...).
# A changed series, another JDK or new flags start a tree over.
PRISTINE_28 := $(if $(EMACS_SRC),$(EMACS_SRC),$(BUILD)/src/emacs-28.2)
PRISTINE_30 := $(BUILD)/src/emacs-30.2

# Debian's emacs-gtk flags (debian/rules, the same in 28.2's and 30.2's),
# less its install paths (--prefix and the like: make install gives
# PREFIX) and --enable-locallisppath (Debian's site-lisp layout).
# Native compilation of the preloaded files, as Debian ships it (not
# NATIVE_FULL_AOT, which debian/rules leaves commented out).
EMACS_CONFIGURE_shipped := --with-libsystemd --with-pop=yes --with-sound=alsa \
	--without-gconf --with-mailutils --with-native-compilation \
	--with-cairo --with-x=yes --with-x-toolkit=gtk3 --with-toolkit-scroll-bars
# Debian's compiler flags: dpkg-buildflags', and -Wall as debian/rules adds.
EMACS_CFLAGS_shipped := $(shell dpkg-buildflags --get CFLAGS 2>/dev/null) -Wall
EMACS_CPPFLAGS_shipped := $(shell dpkg-buildflags --get CPPFLAGS 2>/dev/null)
EMACS_LDFLAGS_shipped := $(shell dpkg-buildflags --get LDFLAGS 2>/dev/null)
# What Debian's emacs-gtk build needs (debian/control's Build-Depends,
# bookworm's names: gcc and libgccjit 12 where Debian 13 has 15).
EMACS_BUILD_DEPS_shipped := autoconf automake texinfo pkg-config dpkg-dev \
	gcc-12 libgccjit-12-dev libacl1-dev libasound2-dev libcairo2-dev \
	libdbus-1-dev dbus-x11 libgif-dev libgmp-dev libgnutls28-dev libgpm-dev \
	libgtk-3-dev libharfbuzz-dev libjansson-dev libjpeg-dev liblcms2-dev \
	liblockfile-dev libm17n-dev libncurses-dev libotf-dev libpng-dev \
	librsvg2-dev libselinux1-dev libsqlite3-dev libsystemd-dev libtiff-dev \
	libtree-sitter-dev libwebp-dev libxaw7-dev libxml2-dev libxpm-dev \
	mailutils procps psmisc sharutils xaw3dg-dev zlib1g-dev

# What the checks of a graphical build need: a real X server, a
# screenshot, typing into a window, and fonts for HELLO's scripts and
# emoji.
EMACS_CHECK_DEPS_shipped := xvfb x11-utils xdotool imagemagick fonts-dejavu-core \
	fonts-freefont-ttf fonts-noto-color-emoji

# The bare terminal Emacs the project was first built as.
EMACS_CONFIGURE_minimal := --without-x --without-all --with-threads --with-modules \
	--with-json --with-zlib --with-xml2 --with-gmp --with-dumping=pdumper \
	--without-native-compilation
EMACS_BUILD_DEPS_minimal := autoconf automake texinfo pkg-config dpkg-dev libncurses-dev \
	libgmp-dev libjansson-dev zlib1g-dev libxml2-dev

# 30's configure no longer knows --with-json and --with-gmp (built in when found).
configure_flags = $(if $(filter 30,$(1)),$(filter-out --with-json --with-gmp,$(EMACS_CONFIGURE_$(2))),$(EMACS_CONFIGURE_$(2)))
# What the patched Emacs adds to the flags: the shim's header, the shim
# and libjsig, found at run time where they were built.  libjsig is
# linked from a directory of its own: the JDK's lib/ also holds a
# libfreetype.so of its own, which -L there would link instead of the
# system's.
HTS_CPPFLAGS := -I$(CURDIR)/include
JSIG := $(BUILD)/jsig/libjsig.so
HTS_LDFLAGS = -L$(CURDIR)/$(dir $(JSIG)) -L$(CURDIR)/$(NATIVE) -Wl,-rpath,$(JAVA_HOME)/lib
HTS_RPATH_BUILD = -Wl,-rpath,$(CURDIR)/$(NATIVE)

$(BUILD)/src/emacs-28.2/autogen.sh:
	tools/emacs-source.sh $(BUILD)/src/emacs-28.2 28

$(PRISTINE_30)/autogen.sh:
	tools/emacs-source.sh $(PRISTINE_30) 30

# VAR='VALUE' for configure, or nothing if VALUE is empty (configure's default).
flag = $(if $(strip $(2)),$(1)='$(strip $(2))')
# configure's arguments for a tree of KIND, VERSION and CONFIG; a patched
# one finds the shim at run time through RPATH (the 4th argument).
configure_args = $(call configure_flags,$(2),$(3)) \
	$(call flag,CFLAGS,$(EMACS_CFLAGS_$(3))) \
	$(call flag,CPPFLAGS,$(EMACS_CPPFLAGS_$(3)) $(if $(filter patched,$(1)),$(HTS_CPPFLAGS))) \
	$(call flag,LDFLAGS,$(EMACS_LDFLAGS_$(3)) $(if $(filter patched,$(1)),$(HTS_LDFLAGS) $(4)))

# The flags a tree was configured with: other flags start it over.
$(BUILD)/%.flags: FORCE
	@mkdir -p $(BUILD)
	@printf '%s\n' "$$FLAGS" > $@.new
	@cmp -s $@.new $@ && rm $@.new || mv $@.new $@

# emacs_tree KIND VERSION CONFIG: the rules of one build tree, and a
# target of its name that builds it.
define emacs_tree
$(call tree,$(1),$(2),$(3)): $(if $(filter patched,$(1)),$(SHIM)) $(BUILD)/$(call tree,$(1),$(2),$(3))/Makefile
	$(if $(filter patched,$(1)),for f in $(EMACS_SHARED_SRC); do \
	    cmp -s $$$$f $(BUILD)/$(call tree,$(1),$(2),$(3))/src/$$$$(basename $$$$f) \
	    || cp $$$$f $(BUILD)/$(call tree,$(1),$(2),$(3))/src/ || exit 1; done)
	$$(MAKE) -C $(BUILD)/$(call tree,$(1),$(2),$(3)) -j$(JOBS) > $(BUILD)/$(call tree,$(1),$(2),$(3)).log 2>&1 \
	    || { tail -30 $(BUILD)/$(call tree,$(1),$(2),$(3)).log; exit 1; }
	@$(BUILD)/$(call tree,$(1),$(2),$(3))/src/emacs --version | head -1

$(BUILD)/$(call tree,$(1),$(2),$(3)).flags: export FLAGS = $(call configure_args,$(1),$(2),$(3),$(HTS_RPATH_BUILD))

$(BUILD)/$(call tree,$(1),$(2),$(3))/Makefile: $(BUILD)/$(call tree,$(1),$(2),$(3)).flags \
	    $(if $(filter patched,$(1)),emacs-patches/$(2)/series $$(PATCHES_$(2)) $(BUILD)/emacs.jdk) \
	    | $$(PRISTINE_$(2))/autogen.sh $(if $(filter patched,$(1)),$(SHIM) $(JSIG))
	tools/debian-packages.sh $$(EMACS_BUILD_DEPS_$(3))
	rm -rf $(BUILD)/$(call tree,$(1),$(2),$(3))
	cp -a $$(PRISTINE_$(2)) $(BUILD)/$(call tree,$(1),$(2),$(3))
	$(if $(filter patched,$(1)),for p in $$(PATCHES_$(2)); do patch -s -p1 -d $(BUILD)/$(call tree,$(1),$(2),$(3)) < $$$$p || exit 1; done)
	cd $(BUILD)/$(call tree,$(1),$(2),$(3)) && ./autogen.sh autoconf > autogen.log 2>&1
	cd $(BUILD)/$(call tree,$(1),$(2),$(3)) && eval ./configure "$$$$(cat ../$(call tree,$(1),$(2),$(3)).flags)" \
	    > configure.log 2>&1 || { tail -20 configure.log; exit 1; }
endef
$(foreach k,patched stock,$(foreach v,28 30,$(foreach c,shipped minimal,$(eval $(call emacs_tree,$(k),$(v),$(c))))))

# The patched Emacs links the JDK's libjsig: another JDK starts over.
$(BUILD)/emacs.jdk: FORCE
	@mkdir -p $(BUILD)
	@echo '$(HTS_JDK)' | cmp -s - $@ || echo '$(HTS_JDK)' > $@

$(JSIG): $(BUILD)/emacs.jdk
	mkdir -p $(dir $@)
	rm -f $@ && cp $(JAVA_HOME)/lib/libjsig.so $@

# Hunk headers name the function, DEFUN or struct a change is in: GNU
# style starts their definitions in column 0 (git's default would often
# name a doc string's line).  One pattern per line; ! excludes.
GNU_C_FUNCNAME := '!^Copyright ' '^(DEFUN \(.*)$$' '^((struct|union|enum) [A-Za-z_]+)$$' \
	'^(((static|extern|INLINE) )?[A-Za-z_][A-Za-z_0-9]*( \**[A-Za-z_][A-Za-z_0-9]*)? \([^;]*[),])$$'
WORK_28 := $(BUILD)/emacs-work-28
WORK_30 := $(BUILD)/emacs-work-30
emacs-work: | $(PRISTINE_$(HTS_EMACS))/autogen.sh
	rm -rf $(WORK_$(HTS_EMACS))
	cp -a $(PRISTINE_$(HTS_EMACS)) $(WORK_$(HTS_EMACS))
	cd $(WORK_$(HTS_EMACS)) && rm -rf .pc && git init -q \
	    && echo '*.[ch] diff=gnu-c' > .git/info/attributes \
	    && git config diff.gnu-c.xfuncname "$$(printf '%s\n' $(GNU_C_FUNCNAME))" && git add -A \
	    && git -c user.name=emacs-hts -c user.email=dev@emacs-hts commit -qm pristine \
	    && git tag pristine \
	    && git -c user.name=emacs-hts -c user.email=dev@emacs-hts am -q $(addprefix $(CURDIR)/,$(PATCHES_$(HTS_EMACS))) \
	    && ln -s $(addprefix $(CURDIR)/,$(EMACS_SHARED_SRC)) src/ \
	    && printf 'src/%s\n' $(notdir $(EMACS_SHARED_SRC)) >> .git/info/exclude

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
HTS_RPATH_INSTALL = -Wl,-rpath,$(HTS_LIBDIR)
INSTALL_TREE = $(BUILD)/install-$(HTS_EMACS)
install: $(SHIM) $(PATCHED)
	MVN="$(MVN)" tools/install-store $(SHIM) $(HTS_LIBDIR)
	rm -rf $(INSTALL_TREE)
	cp -a $(BUILD)/$(PATCHED) $(INSTALL_TREE)
	cd $(INSTALL_TREE) && ./configure --prefix=$(abspath $(PREFIX)) \
	    $(call configure_args,patched,$(HTS_EMACS),$(HTS_CONFIG),$(HTS_RPATH_INSTALL)) \
	    > configure.log 2>&1 || { tail -20 configure.log; exit 1; }
	rm -f $(INSTALL_TREE)/src/temacs $(INSTALL_TREE)/src/emacs
	$(MAKE) -C $(INSTALL_TREE) -j$(JOBS) install > $(INSTALL_TREE).log 2>&1 \
	    || { tail -30 $(INSTALL_TREE).log; exit 1; }
	@$(abspath $(PREFIX))/bin/emacs --version | head -1

# make install into a temporary prefix, then a table through the
# installed Emacs, run from /: its process must map the shim (and the
# AOT cache) from the prefix and nothing of the build tree.
install-check:
	$(if $(EMACS_CHECK_DEPS_$(HTS_CONFIG)),tools/debian-packages.sh $(EMACS_CHECK_DEPS_$(HTS_CONFIG)))
	prefix=$$(mktemp -d /tmp/hts-install.XXXXXX) \
	&& $(MAKE) install PREFIX=$$prefix \
	&& tools/check-install $$prefix; \
	status=$$?; rm -rf $$prefix; exit $$status

clean:
	$(MVN) -q clean
	rm -rf $(BUILD)

help:
	@sed -n '/^#   make /,/^#$$/p' $(firstword $(MAKEFILE_LIST)) | sed 's/^# \{0,1\}//'
