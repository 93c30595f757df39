#!/usr/bin/env bash
# Install the Debian packages the test suite needs, and only those that are missing:
#   postgresql        server and client, for scripts/with_postgres.py (the PostgreSQL run)
#   chromium          the browser Playwright drives (Playwright's own browser download cannot
#                     work here, so the browser tests launch /usr/bin/chromium)
#   fonts-dejavu-core so pages render text in a headless Chromium with no desktop fonts
#
# Quick and silent when everything is there. When something is missing and cannot be installed
# (not root, no apt-get, apt-get failed) it prints one loud line naming the tests that will be
# skipped and exits 0, so a laptop without root still runs the rest of the suite. With CI=true
# it exits 1 instead: CI must never skip quietly.
set -euo pipefail

packages=(postgresql chromium fonts-dejavu-core)

installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

missing=()
if command -v dpkg-query >/dev/null; then
    for package in "${packages[@]}"; do
        installed "$package" || missing+=("$package")
    done
else
    missing=("${packages[@]}")
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0

give_up() {
    local skipped=""
    [[ " ${missing[*]} " == *" postgresql "* ]] && skipped+="PostgreSQL tests, "
    [[ " ${missing[*]} " == *" chromium "* ]] && skipped+="browser tests, "
    skipped=${skipped%, }
    if [[ "${CI:-}" == "true" ]]; then
        echo "!!! ensure_system_packages: cannot install ${missing[*]} ($1); CI=true, so failing" >&2
        exit 1
    fi
    echo "!!! SKIPPED: ${skipped:-no tests (only fonts are missing)} — cannot install ${missing[*]} ($1)" >&2
    exit 0
}

[[ $(id -u) -eq 0 ]] || give_up "not root: run 'sudo apt-get install ${missing[*]}'"
command -v apt-get >/dev/null || give_up "no apt-get on this system"

echo "ensure_system_packages: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Wait for a concurrent apt/dpkg run rather than failing on its lock.
apt_get=(apt-get -q -y -o DPkg::Lock::Timeout=300)
"${apt_get[@]}" update >/dev/null || give_up "apt-get update failed"
# --no-install-recommends keeps chromium's optional extras (and postgresql's contrib) out;
# nothing the tests use is a recommendation.
"${apt_get[@]}" install --no-install-recommends "${missing[@]}" >/dev/null ||
    give_up "apt-get install failed"
echo "ensure_system_packages: installed ${missing[*]}" >&2
