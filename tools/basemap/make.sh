#!/usr/bin/env bash
# Builds assets/basemap.geojson from world-atlas@2.0.2 (Natural Earth 1:10m).
# Run from anywhere; paths are resolved relative to this script.
# Needs: cargo, npm (to fetch the world-atlas package), tar.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="$here/cache"
pkg="world-atlas-2.0.2"
data="$cache/$pkg"

mkdir -p "$cache"
if [ ! -f "$cache/$pkg.tgz" ]; then
    (cd "$cache" && npm pack --silent world-atlas@2.0.2 >/dev/null)
fi
if [ ! -f "$data/countries-10m.json" ] || [ ! -f "$data/land-10m.json" ]; then
    rm -rf "$data"
    mkdir -p "$data"
    tar -xzf "$cache/$pkg.tgz" -C "$data" --strip-components=1
fi

cargo run --release --quiet --manifest-path "$here/Cargo.toml" -- \
    "$data/countries-10m.json" "$data/land-10m.json" "$root/assets/basemap.geojson" "$@"
