# Emacs 28.2 with its hash tables stored in a JVM.
#
#   make check       build everything and run every test (what CI runs)
#   make run         build and start the patched Emacs (not yet: see below)
#   make bench-java  the JMH store benchmark; results in bench/results/
#   make bench-crossing  ns per C->Java and Java->C call, for the backend in use
#   make stock-emacs the unpatched Emacs 28.2, same flags: build/stock-emacs/src/emacs
#
# EMACS_SRC=dir builds from that Emacs 28.2 tree instead of Debian's pinned
# source package (fetched into build/src/ by tools/emacs-source.sh).
#
# Maven builds the Java store, the C shim (native/, through CMake) and the
# C mock heap, and runs all their tests; later stages add the patched Emacs.

MVN ?= mvn -B
JMH_ARGS ?= -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
RESULTS := bench/results

.PHONY: check run bench-java bench-crossing stock-emacs clean

NATIVE := target/native
BUILD := build
EMACS_CONFIGURE := --without-x --without-all --with-threads --with-modules \
	--with-json --with-zlib --with-xml2 --with-gmp --with-dumping=pdumper \
	--without-native-compilation
PRISTINE := $(if $(EMACS_SRC),$(EMACS_SRC),$(BUILD)/src/emacs-28.2)
JOBS ?= $(shell nproc)

check:
	$(MVN) verify

run:
	@echo "make run: the patched Emacs is not built yet (it arrives with the Emacs patch series)." >&2
	@echo "Today the project is the Java store and its tests: make check." >&2
	@exit 2

bench-java:
	@mkdir -p $(RESULTS)
	$(MVN) -q -Pjmh test-compile exec:exec \
	    -Djmh.args="$(JMH_ARGS) -rf json -rff $(CURDIR)/$(RESULTS)/jmh-store.json StoreBenchmark" \
	    | tee $(RESULTS)/jmh-store.txt

$(NATIVE)/test-fixtures/bench_crossing:
	$(MVN) -q package -DskipTests

bench-crossing: $(NATIVE)/test-fixtures/bench_crossing
	@mkdir -p $(RESULTS)
	HTS_TEST_HOOKS=1 $(NATIVE)/test-fixtures/bench_crossing 2000000 | tee $(RESULTS)/crossing.txt

# ---- Emacs -------------------------------------------------------------

$(BUILD)/src/emacs-28.2/autogen.sh:
	tools/emacs-source.sh $(BUILD)/src/emacs-28.2

# A build tree is a copy of the source, autogen'd and configured once.
$(BUILD)/stock-emacs/Makefile: | $(PRISTINE)/autogen.sh
	tools/emacs-build-deps.sh
	rm -rf $(BUILD)/stock-emacs
	cp -a $(PRISTINE) $(BUILD)/stock-emacs
	cd $(BUILD)/stock-emacs && ./autogen.sh autoconf > autogen.log 2>&1
	cd $(BUILD)/stock-emacs && ./configure $(EMACS_CONFIGURE) > configure.log 2>&1 \
	    || { tail -20 configure.log; exit 1; }

stock-emacs: $(BUILD)/stock-emacs/Makefile
	$(MAKE) -C $(BUILD)/stock-emacs -j$(JOBS) > $(BUILD)/stock-emacs.log 2>&1 \
	    || { tail -30 $(BUILD)/stock-emacs.log; exit 1; }
	@$(BUILD)/stock-emacs/src/emacs --version | head -1

clean:
	$(MVN) -q clean
