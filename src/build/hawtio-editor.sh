#!/usr/bin/env bash
# Hawtio's Source tab editor, served by the app instead of the CDN compiled into Hawtio's bundle, so the tab
# works on an operations network without internet: monaco-editor's min/vs files, from the npm registry at
# build time, packed as <zip> (a class path resource; monitoring.HawtioWar unpacks it beside the war).
# Never fails the build: without npm or the registry the app still runs, and says at start how to add it.
#   hawtio-editor.sh <monaco-editor version> <zip> <jar tool>
set -uo pipefail
version=$1 zip=$2 jar=$3
[ -s "$zip" ] && exit 0
skip() {
  echo "[WARNING] Hawtio's Source editor (monaco-editor $version) is not bundled: $1." \
       "Hawtio will load it from cdn.jsdelivr.net; rebuild with npm and the npm registry reachable to serve it from the app."
  exit 0
}
command -v npm >/dev/null || skip "npm is not installed"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent --fetch-retries=1 --fetch-timeout=30000 "monaco-editor@$version" >/dev/null) \
  || skip "npm pack monaco-editor@$version failed"
tar -xzf "$work/monaco-editor-$version.tgz" -C "$work" package/min/vs || skip "the package has no min/vs"
mkdir -p "$(dirname "$zip")"
(cd "$work/package/min" && "$jar" --create --no-manifest --file "$work/editor.zip" vs) || skip "packing it failed"
mv "$work/editor.zip" "$zip"
