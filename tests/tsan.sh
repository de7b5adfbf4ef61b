#!/usr/bin/env bash
# Usage: tests/tsan.sh BUILD_DIR [JOBS] [CTEST ARGS...]
#
# Builds and runs the core tests under ThreadSanitizer, with the real servers
# of tests/servers/with-servers.sh. BUILD_DIR must be configured with
# -DPOOLSCOPE_SANITIZE_THREAD=ON. The core tests are the poolscope_add_test()
# entries of tests/CMakeLists.txt whose sources live in tests/core/: they link
# poolscope_core only, no widgets and no application binary.
#
# Qt from Debian is not built with ThreadSanitizer, so the synchronisation
# inside Qt (its futex-based mutexes and atomics: the event queue, QThread,
# the reference counts of queued calls) is invisible to it. Without help,
# every hand-over between a connection's owner and its worker thread is
# reported: the block Qt allocated on one thread and freed on the other, the
# bytes it copied. ignore_noninstrumented_modules=1 makes ThreadSanitizer
# ignore the memory accesses of the calls Qt and the system libraries make
# (malloc, free, memcpy, ...) while it keeps checking every access poolscope's
# own code makes; tests/tsan.supp names the few reports that still live
# entirely in Qt and the system libraries. A report with poolscope code in it
# is a failure. Build with g++: the runtime of clang 14 aborts (CHECK failed
# in ForkAfter) when QProcess clones a child under that option.
set -euo pipefail

if (($# < 1)); then
    echo "usage: $0 BUILD_DIR [JOBS] [CTEST ARGS...]" >&2
    exit 2
fi
build=$1
jobs=${2:-2}
shift $(($# >= 2 ? 2 : 1))
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)

mapfile -t tests < <(grep -E '^poolscope_add_test\(tst_[A-Za-z0-9_]+ .*SOURCES core/' \
    "$here/CMakeLists.txt" | grep -v 'poolscope_ui' |
    sed -E 's/^poolscope_add_test\((tst_[A-Za-z0-9_]+) .*/\1/')
if ((${#tests[@]} == 0)); then
    echo "tsan: no core tests found in $here/CMakeLists.txt" >&2
    exit 2
fi

cmake --build "$build" -j "$jobs" --target "${tests[@]}"

pattern="^($(
    IFS='|'
    echo "${tests[*]}"
))(\\.|\$)"
export TSAN_OPTIONS="suppressions=$here/tsan.supp ignore_noninstrumented_modules=1 die_after_fork=0 second_deadlock_stack=1 history_size=7 ${TSAN_OPTIONS:-}"
exec "$here/servers/with-servers.sh" ctest --test-dir "$build" --output-on-failure -j "$jobs" \
    -R "$pattern" "$@"
