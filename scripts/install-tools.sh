#!/usr/bin/env bash
# Installs the pinned tools that judge gosynth's output into .tools/, every one
# from gosynth's one tools table (packages/core/tool-versions.json, printed by
# scripts/tool-table.mjs):
#   Go tools by `go install` into .tools/bin (those marked buildWith "newest" with the
#   newest Go of the table, which GOTOOLCHAIN downloads through the module proxy),
#   PyPI tools in a venv at .tools/venv, linked into .tools/bin,
#   Debian packages (podman, buildah, runc, debootstrap, cross C compilers) via apt.
# Idempotent: a tool already at its pinned version is skipped.
#   --print-versions   print name=version lines and exit
#   --golangci-schema  print the path of golangci-lint's JSON schema (module cache) and exit
#   --no-apt           skip the Debian packages
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
bin="$tools/bin"
table() { node "$root/scripts/tool-table.mjs" "$@"; }

case "${1:-}" in
  --print-versions)
    table versions
    exit 0 ;;
  --golangci-schema)
    dir="$(go mod download -json "github.com/golangci/golangci-lint/v2@$(table version golangciLint)" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).Dir))')"
    echo "$dir/jsonschema/golangci.jsonschema.json"
    exit 0 ;;
esac

mkdir -p "$bin"
stamp() { echo "$tools/.installed-$1"; }
have() { [ -f "$(stamp "$1")" ] && [ "$(cat "$(stamp "$1")")" = "$2" ] && [ -x "$bin/$1" ]; }

# Go tools; syft and cosign are large builds (minutes on 2 cores): each install prints its time.
while read -r command package version toolchain; do
  want="$version"; [ "$toolchain" = local ] || want="$version $toolchain"
  if have "$command" "$want"; then echo "ok $command $want (cached)"; continue; fi
  start=$SECONDS
  GOTOOLCHAIN="$toolchain" GOBIN="$bin" GOFLAGS="${GOFLAGS:-} -mod=mod" go install "$package@$version"
  echo "$want" > "$(stamp "$command")"
  echo "installed $command $want ($((SECONDS - start))s)"
done < <(table go)

# PyPI tools, one venv. podman-compose from PyPI: Debian's 1.0.3 runs an exec-form healthcheck through /bin/sh, which distroless lacks.
py_lines="$(table pypi)"
py_wanted="$(echo "$py_lines" | awk '{print $2}' | tr '\n' ' ')"
py_tools="$(echo "$py_lines" | awk '{print $1}' | tr '\n' ' ')"
all_linked() { for t in $py_tools; do [ -x "$bin/$t" ] || return 1; done; }
if [ -f "$(stamp python-tools)" ] && [ "$(cat "$(stamp python-tools)")" = "$py_wanted" ] && all_linked; then
  echo "ok python tools (cached)"
else
  [ -x "$tools/venv/bin/pip" ] || python3 -m venv "$tools/venv"
  # shellcheck disable=SC2086
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check $py_wanted
  for t in $py_tools; do ln -sf "$tools/venv/bin/$t" "$bin/$t"; done
  echo "$py_wanted" > "$(stamp python-tools)"
  echo "installed $py_wanted"
fi

if [ "${1:-}" != "--no-apt" ]; then
  # podman/buildah/runc build the images offline (catatonit: the pause process of podman kube play pods);
  # debootstrap makes the stand-in base images; the cross C compilers serve cgo builds of arm64 (make build-all, goreleaser).
  pkgs="podman buildah runc catatonit uidmap fuse-overlayfs slirp4netns debootstrap busybox-static gcc-aarch64-linux-gnu libc6-dev-arm64-cross make git tmux"
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
