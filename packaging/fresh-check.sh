#!/usr/bin/env bash
# Usage: packaging/fresh-check.sh [--without PACKAGE]... [MAKE TARGET]...
#
# Proof that the README's commands work on a machine as new as a user's: builds
# a minimal Debian 12 root that holds nothing but packaging/debian-packages.txt,
# git and make (mmdebstrap --variant=apt), puts a clean clone of the committed
# tree (HEAD) in it, and runs `make test` (or the given targets) there as root,
# with /proc, /dev, /dev/pts and a tmpfs on /dev/shm mounted. Prints the test
# runner's closing line and exits with make's exit code.
#
# --without PACKAGE leaves a package out of the root and out of the clone's
# package list, as if someone had dropped it: the preflight must name it.
#
# Needs root (chroot and mounts; through sudo otherwise). Takes a few minutes
# for the root plus a full build and test run. The root lives in a temp folder
# under $FRESH_CHECK_DIR (default /var/tmp) and is removed afterwards unless
# FRESH_CHECK_KEEP=1. The mounts live in a private mount namespace, so they end
# with this script however it ends.
set -euo pipefail

here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
repo=$(git -C "$here" rev-parse --show-toplevel)

say() { printf 'fresh-check: %s\n' "$*" >&2; }

if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || {
        say "needs root (chroot and mounts), and there is no sudo"
        exit 1
    }
    exec sudo FRESH_CHECK_DIR="${FRESH_CHECK_DIR:-}" FRESH_CHECK_KEEP="${FRESH_CHECK_KEEP:-}" "$0" "$@"
fi

without=()
targets=()
while (($# > 0)); do
    case $1 in
        --without)
            without+=("${2:?--without needs a package name}")
            shift 2
            ;;
        *)
            targets+=("$1")
            shift
            ;;
    esac
done
((${#targets[@]} > 0)) || targets=(test)

if [[ -n $(git -C "$repo" status --porcelain --untracked-files=no) ]]; then
    say "note: uncommitted changes are not checked; the root gets a clone of HEAD ($(git -C "$repo" rev-parse --short HEAD))"
fi

"$here/install-deps.sh" mmdebstrap

packages=()
while read -r package; do
    keep=1
    for dropped in "${without[@]}"; do
        [[ $package == "$dropped" ]] && keep=0
    done
    ((keep)) && packages+=("$package")
done < <("$here/install-deps.sh" --list)
packages+=(git make)

work=$(mktemp -d -p "${FRESH_CHECK_DIR:-/var/tmp}" poolscope-fresh.XXXXXX)
rootfs=$work/root
# shellcheck disable=SC2317  # only reached through the trap
cleanup() {
    local rc=$?
    if [[ ${FRESH_CHECK_KEEP:-} == 1 ]]; then
        say "kept $work"
    else
        rm -rf --one-file-system -- "$work"
    fi
    exit "$rc"
}
trap cleanup EXIT

say "building a Debian 12 root with ${#packages[@]} packages in $rootfs"
start=$SECONDS
if ! mmdebstrap --variant=apt --include="$(
    IFS=,
    echo "${packages[*]}"
)" bookworm "$rootfs" </dev/null >"$work/mmdebstrap.log" 2>&1; then
    tail -n 40 "$work/mmdebstrap.log" >&2
    say "mmdebstrap failed (log above)"
    exit 1
fi
say "root ready in $((SECONDS - start)) s"

clone=$rootfs/root/poolscope
git clone --quiet --no-local "$repo" "$clone"
list=$clone/packaging/debian-packages.txt
for dropped in "${without[@]}"; do
    awk -v dropped="$dropped" '{
        words = $0
        sub(/#.*/, "", words)
        gsub(/[[:space:]]/, "", words)
        print (words == dropped ? "# dropped by fresh-check: " : "") $0
    }' "$list" >"$list.new"
    mv "$list.new" "$list"
done
say "clean clone of $(git -C "$clone" rev-parse --short HEAD) in /root/poolscope; running make ${targets[*]} as root"

# A new machine's environment: nothing of this shell's.
inside=(env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/bash TERM=dumb
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    bash -c 'cd /root/poolscope && exec make "$@"' make "${targets[@]}")
rc=0
# shellcheck disable=SC2016  # expanded by the inner shell
unshare --mount --propagation private bash -euo pipefail -c '
    root=$1
    shift
    mount -t proc proc "$root/proc"
    mount --bind /dev "$root/dev"
    mount --bind /dev/pts "$root/dev/pts"
    mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm"
    exec chroot "$root" "$@"
' fresh-check "$rootfs" "${inside[@]}" </dev/null 2>&1 | tee "$work/make.log" || rc=$?

closing=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$work/make.log" | tail -n 1 || true)
say "${closing:-no test ran}"
say "make ${targets[*]} in the fresh root: exit $rc after $((SECONDS - start)) s"
exit "$rc"
