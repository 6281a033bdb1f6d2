# Emacs 28.2 with its hash tables stored in a JVM.
#
#   make check       build everything and run every test (what CI runs)
#   make run         build and start the patched Emacs (not yet: see below)
#   make bench-java  the JMH store benchmark; results in bench/results/
#   make bench-crossing  ns per C->Java and Java->C call, for the backend in use
#
# Maven builds the Java store, the C shim (native/, through CMake) and the
# C mock heap, and runs all their tests; later stages add the patched Emacs.

MVN ?= mvn -B
JMH_ARGS ?= -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
RESULTS := bench/results

.PHONY: check run bench-java bench-crossing clean

NATIVE := target/native

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

clean:
	$(MVN) -q clean
