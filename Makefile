# The two commands for people: `make run` and `make test`. Everything else is
# CMake; this file only installs, configures and calls it.

BUILD_DIR ?= build
ASAN_DIR ?= build-asan
FUZZ_DIR ?= build-fuzz
TSAN_DIR ?= build-tsan
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
GENERATOR := $(shell command -v ninja >/dev/null 2>&1 && echo Ninja || echo "Unix Makefiles")
CTEST_ARGS ?=
SOAK_MINUTES ?= 10

.PHONY: all deps build run test asan screenshots package clean
.PHONY: fuzz-build fuzz fuzz-smoke tsan
.PHONY: soak
.PHONY: bench
.PHONY: fresh-check

all: build

deps:
	@packaging/install-deps.sh

# Re-checks the generator after deps, since deps may have just installed Ninja.
build: deps
	@gen=$$(command -v ninja >/dev/null 2>&1 && echo Ninja || echo "Unix Makefiles"); \
	if [ -f $(BUILD_DIR)/CMakeCache.txt ] && ! grep -q "CMAKE_GENERATOR:INTERNAL=$$gen" $(BUILD_DIR)/CMakeCache.txt; then rm -rf $(BUILD_DIR); fi; \
	cmake -S . -B $(BUILD_DIR) -G "$$gen" -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null && \
	cmake --build $(BUILD_DIR) -j $(JOBS)

run:
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
		echo "poolscope: no display found; use 'xvfb-run make run', or 'make build' and the command line ($(BUILD_DIR)/app/poolscope --help)." >&2; \
		exit 1; \
	fi
	@$(MAKE) --no-print-directory build
	$(BUILD_DIR)/app/poolscope --demo

# Real PostgreSQL 15 and MariaDB servers live only for the length of the run;
# then a few seconds of every fuzz target on the committed corpus.
test: build
	tests/servers/with-servers.sh ctest --test-dir $(BUILD_DIR) --output-on-failure -j 2 $(CTEST_ARGS)
	@$(MAKE) --no-print-directory fuzz-smoke

# Every test but two, to keep CI short: the soak takes two minutes in any
# build and make test runs it; the package test checks packaging, not code.
ASAN_CTEST_ARGS ?= -E "^(tst_soak|package[.]install)$$"
asan: deps
	cmake -S . -B $(ASAN_DIR) -G "$(GENERATOR)" -DCMAKE_BUILD_TYPE=Debug -DPOOLSCOPE_SANITIZE=ON \
		-DPOOLSCOPE_BENCHMARKS=OFF >/dev/null
	cmake --build $(ASAN_DIR) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
		tests/servers/with-servers.sh ctest --test-dir $(ASAN_DIR) --output-on-failure -j 2 \
		$(ASAN_CTEST_ARGS) $(CTEST_ARGS)

# The README's pictures, from the real window under Xvfb.
screenshots: build
	xvfb-run -a -s "-screen 0 1600x1000x24" tests/servers/with-servers.sh $(BUILD_DIR)/tests/make_screenshots docs/screenshots

# The Debian package, built from $(BUILD_DIR): $(BUILD_DIR)/poolscope_VERSION_ARCH.deb
package: build
	cd $(BUILD_DIR) && cpack

# libFuzzer targets (fuzz/) built with clang, ASan and UBSan. `fuzz` runs each
# for a minute and keeps what it finds in $(FUZZ_DIR)/corpus; `fuzz-smoke` runs
# each on the same few thousand inputs grown from the committed seeds in
# fuzz/corpus (a few seconds; at most 30 s), short enough for make test.
fuzz-build: deps
	cmake -S . -B $(FUZZ_DIR) -G "$(GENERATOR)" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DCMAKE_CXX_COMPILER=clang++ -DPOOLSCOPE_FUZZ=ON >/dev/null
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target poolscope_fuzzers

fuzz: fuzz-build
	fuzz/run.sh $(FUZZ_DIR) 60

fuzz-smoke: fuzz-build
	fuzz/run.sh $(FUZZ_DIR) 30 smoke

# The core tests under ThreadSanitizer, with the real servers (tests/tsan.sh).
# g++: clang 14's runtime aborts when Qt's QProcess forks (see tests/tsan.sh).
tsan: deps
	cmake -S . -B $(TSAN_DIR) -G "$(GENERATOR)" -DCMAKE_BUILD_TYPE=Debug \
		-DCMAKE_CXX_COMPILER=g++ -DPOOLSCOPE_SANITIZE_THREAD=ON >/dev/null
	tests/tsan.sh $(TSAN_DIR) $(JOBS) $(CTEST_ARGS)

# The random walk through the window of tests/ui/tst_soak.cpp against all three
# databases, for SOAK_MINUTES (make test runs 2 minutes of it); the seed is
# printed, POOLSCOPE_SOAK_SEED=N replays a run.
soak: build
	POOLSCOPE_SOAK_MINUTES=$(SOAK_MINUTES) QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='qt.qpa.*=false' \
		tests/servers/with-servers.sh $(BUILD_DIR)/tests/tst_soak

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR) $(TSAN_DIR)

# Speed and memory side by side with the standard tools (bench/README.md);
# builds Release in build-bench-release and takes a few minutes.
bench:
	bench/run

# Proof on a machine as new as a user's: a minimal Debian 12 root with only
# packaging/debian-packages.txt, a clean clone of HEAD, make test inside it
# (packaging/fresh-check.sh; root, about twenty minutes). Run it before you stop
# whenever packaging/, this file, tests/servers/ or the package list changed.
fresh-check:
	packaging/fresh-check.sh
