#!/usr/bin/env bash
# Usage: check-required.sh WHO [GROUP...]
#
# Checks the lines of packaging/required-files.txt (all of them, or those of
# the given groups) and, when something is missing, prints one line that
# names each missing file with the Debian package that brings it, prefixed by
# WHO, and exits 1. Silent and fast when all is there.
set -euo pipefail

who=${1:?usage: check-required.sh WHO [GROUP...]}
shift
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)

# A user's PATH may lack the sbin folders (mariadbd, runuser live there).
search_path=$PATH:/usr/local/sbin:/usr/sbin:/sbin

present() {
    local what=$1
    if [[ $what == */* ]]; then
        compgen -G "$what" >/dev/null
    else
        PATH=$search_path command -v "$what" >/dev/null 2>&1
    fi
}

declare -A missing_by_package=()
order=()
while read -r what package group _; do
    [[ -n $what && $what != \#* ]] || continue
    if (($# > 0)); then
        wanted=0
        for g in "$@"; do [[ $g == "$group" ]] && wanted=1; done
        ((wanted)) || continue
    fi
    present "$what" && continue
    [[ -n ${missing_by_package[$package]:-} ]] || order+=("$package")
    missing_by_package[$package]+="${missing_by_package[$package]:+, }${what##*/}"
done <"$here/required-files.txt"

((${#order[@]} == 0)) && exit 0
parts=()
for package in "${order[@]}"; do
    parts+=("${missing_by_package[$package]} (from Debian package $package)")
done
joined=$(printf '%s; ' "${parts[@]}")
echo "$who: missing ${joined%; }: run 'make deps', or add the package to packaging/debian-packages.txt" >&2
exit 1
