#!/bin/sh
# Install the html tests' npm package -- the validator.nu checker (vnu-jar),
# at the exact version of package-lock.json, which works with Debian 12's
# nodejs 18 and npm 9 -- into
# $BUILDDIR/npm (default build/npm), only when they are missing or the lock
# file changed. Prints the node_modules path on stdout.
#   sh tests/browser/setup.sh
# Needs node and npm (scripts/deps.sh check installs them). Install scripts
# are not run: vnu-jar's would download a Java runtime; we use the system's.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
build=${BUILDDIR:-build}
case $build in /*) ;; *) build=$repo/$build ;; esac
dest=$build/npm
stamp=$dest/node_modules/.corpusc-lock

if [ -f "$stamp" ] && cmp -s "$here/package-lock.json" "$stamp"; then
	echo "$dest/node_modules"
	exit 0
fi
command -v npm >/dev/null 2>&1 || {
	echo "setup.sh: npm is missing; run 'sh scripts/deps.sh check'" >&2
	exit 1
}
mkdir -p "$dest"
cp "$here/package.json" "$here/package-lock.json" "$dest/"
(cd "$dest" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
cp "$here/package-lock.json" "$stamp"
echo "$dest/node_modules"
