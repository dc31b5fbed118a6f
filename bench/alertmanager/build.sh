#!/usr/bin/env bash
# Builds Prometheus Alertmanager from its Go module, for bench/peer-intake.ts, and prints the
# binary's path. Cached under bench/alertmanager/.cache/ (git-ignored): a second run only prints.
# Needs Go >= 1.26 (alertmanager v0.35.0's go.mod says `go 1.26.0`). Everything comes from the Go
# module proxy (GOPROXY, without its `direct` fallback): nothing from GitHub or npm.
#
# The module has no web UI assets (they are built by npm in the repository, not shipped in the
# module), while ui/web.go embeds them with `//go:embed app/dist`, which fails on a missing or empty
# folder ("contains no embeddable files"); the build gets ui/app/dist/ with one placeholder file.
# The API (/api/v2/alerts) does not use them; the UI pages answer 404.
set -euo pipefail

VERSION="${ALERTMANAGER_VERSION:-0.35.0}"
MODULE=github.com/prometheus/alertmanager
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="$HERE/.cache"
BIN="$CACHE/alertmanager-$VERSION"

if [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi
if ! command -v go >/dev/null; then
  echo "build.sh: Go is not installed (Alertmanager $VERSION needs Go >= 1.26)" >&2
  exit 1
fi

proxy="$(go env GOPROXY | sed -E 's/[,|]?direct$//')"
export GOPROXY="${proxy:-https://proxy.golang.org}"
export GOFLAGS=-mod=readonly
export GOTOOLCHAIN=local

mkdir -p "$CACHE"
work="$(mktemp -d "$CACHE/build-XXXXXX")"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

echo "build.sh: fetching $MODULE@v$VERSION from $GOPROXY" >&2
# Outside any module, `go mod download` only fills the module cache and says where it put the source.
dir="$(cd "$work" && go mod download -json "$MODULE@v$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
if [ -z "$dir" ] || [ ! -f "$dir/go.mod" ]; then
  echo "build.sh: the module proxy did not give $MODULE@v$VERSION" >&2
  exit 1
fi
# The module cache is read-only: build a writable copy.
cp -r "$dir" "$work/src"
chmod -R u+w "$work/src"
mkdir -p "$work/src/ui/app/dist"
echo "Alertmanager's web UI is not built here (bench/alertmanager/build.sh)." >"$work/src/ui/app/dist/NO-UI.txt"

echo "build.sh: building (a few minutes the first time)" >&2
version_pkg=github.com/prometheus/common/version
(cd "$work/src" && go build -trimpath \
  -ldflags "-X $version_pkg.Version=$VERSION -X $version_pkg.Revision=v$VERSION-module -X $version_pkg.Branch=module" \
  -o "$work/alertmanager" ./cmd/alertmanager)
mv "$work/alertmanager" "$BIN"
echo "$BIN"
