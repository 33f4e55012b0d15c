#!/usr/bin/env bash
# Installs what `bench -- --peers` needs: Debian's chromium (headless peers), Xvfb (Atlas's own
# first frame in a real window), Node and npm, and the npm packages pinned in package-lock.json.
# Safe to run again: it installs only what is missing or out of date.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "setup: missing ${missing[*]}; run this script as root, or install them with apt-get" >&2
        exit 1
    fi
    echo "setup: apt-get install ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi

cd "$here"
# npm ci writes node_modules/.package-lock.json; reinstall when the pinned lock is newer
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "setup: npm ci in $here" >&2
    # --ignore-scripts: no package here needs an install step (puppeteer-core downloads no browser)
    npm ci --ignore-scripts --no-audit --no-fund >&2
fi
