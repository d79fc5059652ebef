#!/usr/bin/env bash
# Installs the pinned supply-chain tools into .tools/bin by `go install`:
#   govulncheck (golang.org/x/vuln), syft (github.com/anchore/syft), cosign (github.com/sigstore/cosign/v2).
# Versions: arguments, else environment, else the defaults below (the newest the
# module proxy serves that build with the local Go). syft v1.55.0..v1.57.0 do not
# build from proxy.golang.org: it answers 403 "not available" for dependencies they
# need (github.com/github/go-spdx/v2 v2.7.1 and v2.8.0, github.com/docker/cli v29.9.2).
#   scripts/install-supply-chain-tools.sh [govulncheck-version [syft-version [cosign-version]]]
#   GOVULNCHECK_VERSION=... SYFT_VERSION=... COSIGN_VERSION=... scripts/install-supply-chain-tools.sh
#   --print-versions   print name=version lines and exit
# Idempotent: a tool whose stamp (.tools/.installed-<name>) holds its pinned version is skipped.
# syft and cosign are large builds (minutes on 2 cores); each install prints its time on stderr.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
bin="$tools/bin"

if [ "${1:-}" = "--print-versions" ]; then print=1; shift; else print=0; fi
GOVULNCHECK="${1:-${GOVULNCHECK_VERSION:-v1.9.0}}"
SYFT="${2:-${SYFT_VERSION:-v1.54.1}}"
COSIGN="${3:-${COSIGN_VERSION:-v2.6.5}}"

if [ "$print" = 1 ]; then
  printf 'govulncheck=%s\nsyft=%s\ncosign=%s\n' "$GOVULNCHECK" "$SYFT" "$COSIGN"
  exit 0
fi

mkdir -p "$bin"
stamp() { echo "$tools/.installed-$1"; }
have() { [ -f "$(stamp "$1")" ] && [ "$(cat "$(stamp "$1")")" = "$2" ] && [ -x "$bin/$1" ]; }

go_tool() { # name module version [toolchain]
  local want="$3${4:+ go$4}"
  if have "$1" "$want"; then echo "ok $1 $want (cached)"; return; fi
  local start=$SECONDS
  local toolchain="${GOTOOLCHAIN:-}"
  if [ -n "${4:-}" ]; then toolchain="go$4"; fi
  GOTOOLCHAIN="$toolchain" GOBIN="$bin" GOFLAGS="${GOFLAGS:-} -mod=mod" go install "$2@$3"
  echo "$want" > "$(stamp "$1")"
  echo "installed $1 $3"
  echo "  ($1 built in $((SECONDS - start))s)" >&2
}
# govulncheck loads packages with the Go it was built with: build it with the newest Go
# (GO_NEWEST from install-tools.sh), so it analyses modules of every Go a project may use.
go_tool govulncheck golang.org/x/vuln/cmd/govulncheck "$GOVULNCHECK" "${GO_NEWEST:-}"
go_tool syft github.com/anchore/syft/cmd/syft "$SYFT"
go_tool cosign github.com/sigstore/cosign/v2/cmd/cosign "$COSIGN"
