#!/usr/bin/env bash
# The Debian package as a user gets it: built with CPack from a finished build
# directory, checked with dpkg-deb, installed with dpkg into a throwaway root
# (never into the system; works as root and as a normal user) and run from there.
#
# usage: test-package.sh BUILD_DIR VERSION [CPACK]
set -euo pipefail

build=$1
version=$2
cpack=${3:-cpack}
app_id=io.github.poolscope.Poolscope

work=$(mktemp -d "${TMPDIR:-/tmp}/poolscope-package.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# Prints the command's output on failure only, so a passing run stays short.
run_quiet() {
    local log=$work/command.log
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        return 1
    fi
}

# Into the work directory, so a `make package` running meanwhile is not disturbed.
run_quiet "$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" || {
    echo "FAIL: cpack did not build the package" >&2
    exit 1
}
debs=("$work/out/poolscope_${version}_"*.deb)
if [[ ${#debs[@]} -ne 1 || ! -f ${debs[0]} ]]; then
    echo "FAIL: expected one poolscope_${version}_ARCH.deb, found: ${debs[*]}" >&2
    exit 1
fi
deb=${debs[0]}
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# --- control fields ---------------------------------------------------------
field() { dpkg-deb --field "$deb" "$1"; }
[[ $(field Package) == poolscope ]] || fail "Package is '$(field Package)'"
[[ $(field Version) == "$version" ]] || fail "Version is '$(field Version)', not $version"
[[ -n $(field Maintainer) ]] || fail "no Maintainer"
[[ $(field Description) == *"connection pools"* ]] || fail "Description: $(field Description)"
depends=$(field Depends)
# Qt loads these as plugins, so only the explicit list can name them; the
# libraries come from dpkg-shlibdeps reading the binary.
for package in libqt6sql6-sqlite libqt6sql6-psql libqt6sql6-mysql qt6-qpa-plugins \
    libqt6core6 libqt6widgets6 libqt6sql6 libpq5 libmariadb3 libssl3 libsqlite3-0 libc6; do
    [[ ", $depends," == *", $package"[\ ,]* ]] || fail "Depends lacks $package: $depends"
done
# Every dependency must name a real package: here, one this machine has installed.
while read -r name; do
    [[ -n $name ]] || continue
    status=$(dpkg-query -W -f='${Status}' "$name" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || fail "dependency '$name' is not an installed package"
done < <(tr ',|' '\n' <<<"$depends" | sed -e 's/(.*)//' -e 's/:.*//' -e 's/[[:space:]]//g')

# --- contents: exactly these files, nothing stray -----------------------------
expected=(
    ./usr/bin/poolscope
    ./usr/lib/poolscope/poolscope-gui.so
    ./usr/lib/python3/dist-packages/poolscope_probe/__init__.py
    ./usr/lib/python3/dist-packages/poolscope_probe/__main__.py
    ./usr/lib/python3/dist-packages/poolscope_probe/_bootstrap/sitecustomize.py
    ./usr/lib/python3/dist-packages/poolscope_probe/frames.py
    ./usr/lib/python3/dist-packages/poolscope_probe/hooks.py
    ./usr/lib/python3/dist-packages/poolscope_probe/listener.py
    ./usr/lib/python3/dist-packages/poolscope_probe/state.py
    "./usr/share/applications/$app_id.desktop"
    ./usr/share/doc/poolscope/copyright
    "./usr/share/icons/hicolor/128x128/apps/$app_id.png"
    "./usr/share/icons/hicolor/16x16/apps/$app_id.png"
    "./usr/share/icons/hicolor/256x256/apps/$app_id.png"
    "./usr/share/icons/hicolor/32x32/apps/$app_id.png"
    "./usr/share/icons/hicolor/48x48/apps/$app_id.png"
    "./usr/share/icons/hicolor/64x64/apps/$app_id.png"
    "./usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    ./usr/share/man/man1/poolscope.1.gz
    "./usr/share/metainfo/$app_id.metainfo.xml"
)
actual=$(dpkg-deb --contents "$deb" | awk '$1 !~ /^d/ { print $NF }' | LC_ALL=C sort)
wanted=$(printf '%s\n' "${expected[@]}" | LC_ALL=C sort)
if [[ $actual != "$wanted" ]]; then
    fail "package contents differ (< expected, > found):"
    diff <(echo "$wanted") <(echo "$actual") >&2 || true
fi
dpkg-deb --contents "$deb" | awk '$NF == "./usr/bin/poolscope" { print $1, $2 }' |
    grep -qx -- '-rwxr-xr-x root/root' || fail "/usr/bin/poolscope is not an executable owned by root"

# --- install into a throwaway root ---------------------------------------------
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
# dpkg wants ldconfig and start-stop-daemon on PATH, which a user's PATH may
# lack; --path-include undoes path-exclude lines (as in slim images) of the
# machine's dpkg.cfg.d; the dependencies are the real system's, not the root's.
if ! HOME=$work PATH=/usr/sbin:/sbin:$PATH run_quiet dpkg --root="$root" --log="$work/dpkg.log" \
    --force-not-root --force-depends --force-script-chrootless --path-include='*' \
    --install "$deb"; then
    echo "FAIL: dpkg could not install the package into $root" >&2
    exit 1
fi
[[ $(dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Status} ${Version}' poolscope) == \
    "install ok installed $version" ]] || fail "dpkg does not list poolscope $version as installed"

# --- the installed program runs -------------------------------------------------
poolscope=$root/usr/bin/poolscope
# Every library it links is the system's: a run path would only make the loader
# look elsewhere first for each of them, at every start.
for binary in "$poolscope" "$root/usr/lib/poolscope/poolscope-gui.so"; do
    ! readelf --dynamic "$binary" | grep -Eq '\((RPATH|RUNPATH)\)' ||
        fail "$(basename "$binary") has a run path: $(readelf --dynamic "$binary" | grep -E 'R(UN)?PATH')"
done
# The binary finds the system's Qt and its SQL plugins on its own.
installed() {
    env -u LD_LIBRARY_PATH -u QT_PLUGIN_PATH HOME="$work" "$poolscope" "$@" 2>"$work/stderr"
}
if out=$(installed --version); then
    [[ $(head -n 1 <<<"$out") == "poolscope $version" ]] || fail "--version first line: $(head -n 1 <<<"$out")"
    [[ $out == *"NO WARRANTY"* ]] || fail "--version lacks the warranty line"
else
    fail "installed poolscope --version failed: $(cat "$work/stderr")"
fi
if out=$(installed query sqlite:// "select 1 as answer"); then
    [[ $out == $'answer\n1' ]] || fail "query printed: $out"
else
    fail "installed poolscope query failed: $(cat "$work/stderr")"
fi
# The window, a module the program loads from the package's library folder.
if out=$(POOLSCOPE_EXIT_AFTER_SHOWN=1 QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME=$work/config \
    XDG_DATA_HOME=$work/data installed); then
    [[ $out == *"window shown"* ]] || fail "installed poolscope did not show its window: $out"
else
    fail "installed poolscope could not open its window: $(cat "$work/stderr")"
fi
# The probe, as installed, attaches to a program and passes its exit code on.
probe_status=0
PYTHONPATH=$root/usr/lib/python3/dist-packages POOLSCOPE_PROBE_DIR=$work/probes \
    /usr/bin/python3 -m poolscope_probe -- /usr/bin/python3 -c \
    'import sys, poolscope_probe; sys.exit(3 if poolscope_probe.socket_path() else 4)' \
    2>"$work/stderr" || probe_status=$?
[[ $probe_status == 3 ]] ||
    fail "the installed probe did not attach (exit $probe_status): $(cat "$work/stderr")"
for binary in "$poolscope" "$root/usr/lib/poolscope/poolscope-gui.so"; do
    [[ $(file -b "$binary") == *", stripped"* ]] ||
        fail "the installed $(basename "$binary") is not stripped: $(file -b "$binary")"
done

# --- desktop integration ------------------------------------------------------
desktop=$root/usr/share/applications/$app_id.desktop
metainfo=$root/usr/share/metainfo/$app_id.metainfo.xml
# It exits 0 on mere warnings: any output counts.
if ! report=$(desktop-file-validate "$desktop" 2>&1) || [[ -n $report ]]; then
    fail "desktop-file-validate: $report"
fi
run_quiet appstreamcli validate --no-net "$metainfo" || fail "appstreamcli validate rejects the metainfo"
# The tree check also matches the metainfo's launchable with the desktop file.
run_quiet appstreamcli validate-tree --no-net "$root" || fail "appstreamcli validate-tree rejects the install"
grep -qx "Icon=$app_id" "$desktop" || fail "the desktop file's Icon is not $app_id"
grep -q "^Exec=poolscope\b" "$desktop" || fail "the desktop file does not start poolscope"
grep -q "<id>$app_id</id>" "$metainfo" || fail "the metainfo id is not $app_id"
grep -q "<release version=\"$version\"" "$metainfo" || fail "the metainfo has no release $version"
for size in 16 32 48 64 128 256; do
    png=$root/usr/share/icons/hicolor/${size}x$size/apps/$app_id.png
    file -b "$png" | grep -q "PNG image data, $size x $size," ||
        fail "$(basename "$png") in ${size}x$size is $(file -b "$png")"
done

# --- the man page renders without a warning -----------------------------------
man=$root/usr/share/man/man1/poolscope.1.gz
if rendered=$(gzip -dc "$man" | LC_ALL=C.UTF-8 groff -man -Tutf8 -ww 2>"$work/groff.err"); then
    [[ ! -s $work/groff.err ]] || { cat "$work/groff.err" >&2; fail "groff warns about the man page"; }
    for text in "poolscope query" "poolscope sessions" "poolscope schema" "poolscope binds" \
        "EXIT STATUS" "poolscope $version"; do
        grep -qF -- "$text" <<<"$(sed 's/\x1b\[[0-9;]*m//g; s/.\x08//g' <<<"$rendered")" ||
            fail "the rendered man page lacks '$text'"
    done
else
    fail "groff cannot render the man page"
fi

if ((failures > 0)); then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "package installs and runs: all checks passed"
