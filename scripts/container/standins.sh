#!/usr/bin/env bash
# Builds LOCAL stand-ins for the base images a generated Dockerfile names, so
# the container tier builds and runs images offline (no registry is reachable
# here). Each stand-in carries what the real image offers to our Dockerfiles:
#   docker.io/library/golang:<go>-bookworm  Debian bookworm minbase (debootstrap) + the
#                                           real Go toolchain of that version (Go module proxy)
#   gcr.io/distroless/static-debian12:nonroot  passwd/group with nonroot 65532, CA certs, tzdata, /tmp; no shell
#   gcr.io/distroless/base-debian12:nonroot    the same plus glibc
#   docker.io/library/alpine:<tag>             busybox (sh), CA bundle, /etc/alpine-release, and small
#       adduser/addgroup scripts (Debian's busybox lacks those applets).
#       Not served: `apk add` (no Alpine mirror here) — our Dockerfiles never run apk.
#   The stand-ins are amd64 images; an arm64 build uses them as they are, which works for
#   stages without RUN (distroless, scratch) and is what the container tier checks.
#   scratch                                    built into podman.
# Usage: standins.sh <go patch version> <alpine tag>. Idempotent (a stamp label per image).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=env.sh
source "$here/env.sh"
GO_VERSION="${1:?go patch version, e.g. 1.26.11}"
ALPINE_TAG="${2:?alpine tag, e.g. 3.22.2}"
# v4: the golang stand-in trusts the host's CA bundle (see below); bumping the stamp
# rebuilds stand-ins made by v3, which failed `go mod download` with x509 errors.
STAMP="gosynth-standin-v4"
cache="${GOSYNTH_STANDIN_CACHE:-/var/cache/gosynth-standins}"
mkdir -p "$cache"

exists() { [ "$(podman image inspect --format '{{ index .Labels "gosynth.standin" }}' "$1" 2>/dev/null)" = "$STAMP" ]; }

rootfs="$cache/bookworm-rootfs.tar"
if [ ! -f "$rootfs" ]; then
  echo "debootstrap bookworm (minbase) ..."
  tmp="$(mktemp -d)"
  debootstrap --variant=minbase --include=ca-certificates,tzdata,gcc,libc6-dev bookworm "$tmp/root" http://deb.debian.org/debian >/dev/null
  rm -rf "$tmp/root/var/cache/apt/archives/"*.deb "$tmp/root/var/lib/apt/lists/"*
  tar -C "$tmp/root" -cf "$rootfs.part" .
  mv "$rootfs.part" "$rootfs"
  rm -rf "$tmp"
fi

build() { # image context-dir
  podman build --quiet --pull=never --label "gosynth.standin=$STAMP" -t "$1" "$2" >/dev/null
  echo "built $1 ($(podman image inspect --format '{{.Size}}' "$1") bytes)"
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

golang="docker.io/library/golang:${GO_VERSION}-bookworm"
if exists "$golang"; then echo "ok $golang"; else
  goroot="$(GOTOOLCHAIN="go${GO_VERSION}" GOFLAGS= go env GOROOT)"
  mkdir -p "$work/golang"
  cp "$rootfs" "$work/golang/rootfs.tar"
  tar -C "$goroot/.." -cf "$work/golang/go.tar" --transform 's,^[^/]*,go,' "$(basename "$goroot")"
  # Trust what the host trusts: on this network the Go module proxy's certificate chains
  # to a CA that only the host's bundle holds, so with Debian's bundle alone `go mod
  # download` in the image fails with "x509: certificate signed by unknown authority".
  # The host bundle replaces Debian's at build time; without one, Debian's stays.
  host_ca="${GOSYNTH_HOST_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}"
  ca_line=""
  if [ -s "$host_ca" ]; then
    cp "$host_ca" "$work/golang/ca-certificates.crt"
    ca_line="ADD ca-certificates.crt /etc/ssl/certs/ca-certificates.crt"
  else
    echo "warning: no host CA bundle at $host_ca; the golang stand-in keeps Debian's" >&2
  fi
  cat > "$work/golang/Containerfile" <<EOC
FROM scratch
ADD rootfs.tar /
${ca_line}
ADD go.tar /usr/local/
ENV GOLANG_VERSION=${GO_VERSION} GOPATH=/go GOTOOLCHAIN=local PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
WORKDIR /go
EOC
  build "$golang" "$work/golang"
fi

# Files shared by the distroless stand-ins, taken from the bookworm rootfs.
mkdir -p "$work/sys/etc/ssl/certs" "$work/sys/usr/share" "$work/sys/tmp" "$work/sys/home/nonroot"
tar -C "$work/sys" -xf "$rootfs" ./etc/ssl/certs/ca-certificates.crt ./usr/share/zoneinfo
printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$work/sys/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n' > "$work/sys/etc/group"
printf 'hosts: files dns\n' > "$work/sys/etc/nsswitch.conf"
chmod 1777 "$work/sys/tmp"; chown 65532:65532 "$work/sys/home/nonroot"

distroless() { # kind extra-dir
  local base="gcr.io/distroless/$1-debian12"
  if exists "$base:nonroot" && exists "$base:latest"; then echo "ok $base"; return; fi
  mkdir -p "$work/$1"
  tar -C "$work/sys" -cf "$work/$1/sys.tar" .
  [ -z "${2:-}" ] || tar -C "$2" -cf "$work/$1/libc.tar" .
  {
    echo "FROM scratch"
    echo "ADD sys.tar /"
    [ -z "${2:-}" ] || echo "ADD libc.tar /"
  } > "$work/$1/Containerfile"
  build "$base:latest" "$work/$1"
  printf 'FROM %s\nUSER 65532:65532\nWORKDIR /home/nonroot\n' "$base:latest" > "$work/$1/Containerfile.nonroot"
  podman build --quiet --pull=never --label "gosynth.standin=$STAMP" -t "$base:nonroot" -f "$work/$1/Containerfile.nonroot" "$work/$1" >/dev/null
  echo "built $base:nonroot"
}
distroless static
mkdir -p "$work/libc"
# bookworm is usr-merged: /lib and /lib64 are symlinks into /usr.
tar -C "$work/libc" -xf "$rootfs" --wildcards ./lib ./lib64 ./usr/lib64/ld-linux-x86-64.so.2 \
  './usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so*' './usr/lib/x86_64-linux-gnu/libc.so.*' './usr/lib/x86_64-linux-gnu/libm.so.*' \
  './usr/lib/x86_64-linux-gnu/libresolv.so.*' './usr/lib/x86_64-linux-gnu/libnss_*' './usr/lib/x86_64-linux-gnu/libpthread.so.*' \
  './usr/lib/x86_64-linux-gnu/libdl.so.*'
distroless base "$work/libc"

alpine="docker.io/library/alpine:${ALPINE_TAG}"
if exists "$alpine"; then echo "ok $alpine"; else
  a="$work/alpine/root"
  mkdir -p "$a/bin" "$a/sbin" "$a/usr/bin" "$a/usr/sbin" "$a/etc/ssl/certs" "$a/tmp" "$a/root"
  cp /bin/busybox "$a/bin/busybox"
  for applet in $("$a/bin/busybox" --list-full); do
    [ "$applet" = bin/busybox ] || ln -sf /bin/busybox "$a/$applet"
  done
  cp "$work/sys/etc/ssl/certs/ca-certificates.crt" "$a/etc/ssl/certs/"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n' > "$a/etc/passwd"
  printf 'root:x:0:root\nnogroup:x:65534:\n' > "$a/etc/group"
  : > "$a/etc/shadow"
  # Debian's busybox-static has no adduser/addgroup applets: minimal scripts that
  # accept the BusyBox flags our Dockerfile uses (-S -D -H -u -g -G) and append
  # the entries, as Alpine's would.
  cat > "$a/usr/sbin/addgroup" <<'EOS'
#!/bin/sh
gid=""; while [ $# -gt 1 ]; do case "$1" in -g) gid="$2"; shift 2 ;; -S) shift ;; *) shift ;; esac; done
echo "$1:x:${gid:-10000}:" >> /etc/group
EOS
  cat > "$a/usr/sbin/adduser" <<'EOS'
#!/bin/sh
uid=""; group=""; while [ $# -gt 1 ]; do case "$1" in -u) uid="$2"; shift 2 ;; -G) group="$2"; shift 2 ;; -S|-D|-H) shift ;; *) shift ;; esac; done
gid="$(grep "^${group:-$1}:" /etc/group | cut -d: -f3)"
echo "$1:x:${uid:-10000}:${gid:-${uid:-10000}}:$1:/home/$1:/sbin/nologin" >> /etc/passwd
EOS
  chmod 755 "$a/usr/sbin/addgroup" "$a/usr/sbin/adduser"
  echo "${ALPINE_TAG} (gosynth stand-in)" > "$a/etc/alpine-release"
  chmod 1777 "$a/tmp"
  tar -C "$a" -cf "$work/alpine/root.tar" .
  printf 'FROM scratch\nADD root.tar /\nCMD ["/bin/sh"]\n' > "$work/alpine/Containerfile"
  build "$alpine" "$work/alpine"
fi
