# The two commands for people: `make run` and `make test`. Everything else is
# CMake; this file only installs, configures and calls it.

BUILD_DIR ?= build
ASAN_DIR ?= build-asan
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
GENERATOR := $(shell command -v ninja >/dev/null 2>&1 && echo Ninja || echo "Unix Makefiles")
CTEST_ARGS ?=

.PHONY: all deps build run test asan screenshots clean

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

# Real PostgreSQL 15 and MariaDB servers live only for the length of the run.
test: build
	tests/servers/with-servers.sh ctest --test-dir $(BUILD_DIR) --output-on-failure -j 2 $(CTEST_ARGS)

asan: deps
	cmake -S . -B $(ASAN_DIR) -G "$(GENERATOR)" -DCMAKE_BUILD_TYPE=Debug -DPOOLSCOPE_SANITIZE=ON >/dev/null
	cmake --build $(ASAN_DIR) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
		tests/servers/with-servers.sh ctest --test-dir $(ASAN_DIR) --output-on-failure -j 2 $(CTEST_ARGS)

# The README's pictures, from the real window under Xvfb.
screenshots: build
	xvfb-run -a -s "-screen 0 1600x1000x24" tests/servers/with-servers.sh $(BUILD_DIR)/tests/make_screenshots docs/screenshots

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)
