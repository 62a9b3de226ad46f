#!/bin/sh
# Adds connector tarballs to the Logto installation inside Logto's Docker image, with Logto's own
# CLI, exactly as an operator would run it there:
#
#   add-connector.sh /abs/path/connector-<name>-<version>.tgz [...]
#
# LOGTO_ROOT is Logto's folder: /etc/logto in the official image (the default).
#
# Logto's `connector add` reports a failed add in its log and still exits 0, so this script checks
# afterwards that each package landed in packages/core/connectors and fails the build if not.
set -eu

logto_root="${LOGTO_ROOT:-/etc/logto}"
connectors="$logto_root/packages/core/connectors"

fail() {
  echo "add-connector.sh: $*" >&2
  exit 1
}

[ "$#" -gt 0 ] || fail "usage: add-connector.sh <absolute path of a connector .tgz>..."
[ -f "$logto_root/packages/core/package.json" ] || fail "$logto_root does not hold a Logto installation"

for tarball in "$@"; do
  # The CLI runs `npm pack <path>` from inside the connectors folder: a relative path would point
  # there. It also prefixes a file name that does not start with connector-, which breaks the path.
  case "$tarball" in
    /*) ;;
    *) fail "$tarball: give the absolute path" ;;
  esac
  case "${tarball##*/}" in
    connector-*.tgz) ;;
    *) fail "$tarball: the file name must be connector-<name>-<version>.tgz, as npm pack writes it" ;;
  esac
  [ -f "$tarball" ] || fail "$tarball: no such file"

  # The folder the CLI extracts into is the package name, with / replaced by - for a scoped name.
  name=$(tar -xzOf "$tarball" package/package.json | node -e '
    let text = "";
    process.stdin.on("data", (chunk) => (text += chunk));
    process.stdin.on("end", () => console.log(JSON.parse(text).name.replaceAll("/", "-")));
  ') || fail "$tarball: not an npm package tarball"

  (cd "$logto_root" && npm run cli -- connector add "$tarball" --path "$logto_root")

  [ -f "$connectors/$name/package.json" ] && [ -f "$connectors/$name/lib/index.js" ] ||
    fail "$tarball: Logto's CLI did not install $name into $connectors (see its output above)"
  echo "add-connector.sh: $name is in $connectors/$name"
done
