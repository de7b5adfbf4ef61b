#!/usr/bin/env bash
# Usage: install-deps.sh             install what packaging/debian-packages.txt
#                                    lists and is missing, then check that
#                                    everything of required-files.txt is there
#        install-deps.sh --list      print the package list, one per line
#        install-deps.sh PACKAGE...  install these packages if missing
#
# Debian 12. Runs before every build, so the nothing-to-do path must stay
# silent and fast.
set -euo pipefail

here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
list=$here/debian-packages.txt

packages=()
list_given=0
if (($# > 0)) && [[ $1 != --list ]]; then
    packages=("$@")
    list_given=1
else
    while IFS= read -r line || [[ -n $line ]]; do
        read -ra words <<<"${line%%#*}"
        packages+=("${words[@]}")
    done <"$list"
fi
if [[ ${1:-} == --list ]]; then
    printf '%s\n' "${packages[@]}"
    exit 0
fi

# After the install (or when nothing was missing), for the project's own list:
# what the entry points run must be there, named with its package when not,
# before anything is built.
finish() {
    if [[ $list_given == 0 ]]; then
        exec "$here/check-required.sh" install-deps
    fi
    exit 0
}

for tool in dpkg-query apt-get; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "install-deps: no $tool here: poolscope builds on Debian 12; install the packages of $list by other means" >&2
        exit 1
    fi
done

((${#packages[@]} > 0)) || finish

# One dpkg-query call for all packages: per-package calls would cost ~1 s.
# Unknown packages print nothing on stdout, so they count as missing too.
declare -A installed=()
while IFS=' ' read -r name want ok state; do
    if [[ "$want $ok $state" == "install ok installed" ]]; then
        installed[$name]=1
    fi
done < <(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true)

missing=()
for pkg in "${packages[@]}"; do
    [[ -n ${installed[$pkg]:-} ]] || missing+=("$pkg")
done

((${#missing[@]} > 0)) || finish

sudo=()
if ((EUID != 0)); then
    if ! command -v sudo >/dev/null 2>&1; then
        echo "install-deps: missing packages and no sudo to install them as root: ${missing[*]}" >&2
        exit 1
    fi
    # sudo drops the environment, so DEBIAN_FRONTEND goes through env.
    sudo=(sudo)
fi

# postgresql-15's postinst creates and starts a "main" cluster (and
# mariadb-server would start its service); the tests bring their own servers,
# so remember what already runs and stop only what the install started.
online_clusters() {
    if command -v pg_lsclusters >/dev/null 2>&1; then
        pg_lsclusters -h 2>/dev/null | awk '$4 == "online" { print $1 " " $2 }'
    fi
}
init_scripts() {
    if [[ -d /etc/init.d ]]; then
        find /etc/init.d -maxdepth 1 -type f -printf '%f\n' | sort
    fi
}
clusters_before=$(online_clusters)
scripts_before=$(init_scripts)

echo "install-deps: installing ${missing[*]}" >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"

while read -r version cluster; do
    [[ -n $version ]] || continue
    if ! grep -qxF "$version $cluster" <<<"$clusters_before"; then
        echo "install-deps: stopping PostgreSQL cluster $version/$cluster started by the install" >&2
        "${sudo[@]}" pg_ctlcluster "$version" "$cluster" stop || true
    fi
done < <(online_clusters)

while read -r script; do
    case $script in
        postgresql | mariadb | mysql)
            echo "install-deps: stopping service $script started by the install" >&2
            "${sudo[@]}" service "$script" stop >/dev/null 2>&1 || true
            ;;
    esac
done < <(comm -13 <(printf '%s\n' "$scripts_before") <(init_scripts))

finish
