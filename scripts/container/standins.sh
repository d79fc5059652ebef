#!/usr/bin/env bash
# Builds LOCAL stand-ins for the base images a generated Dockerfile names, so
# the container tier builds and runs images offline (no registry is reachable
# here). Each stand-in carries what the real image offers to our Dockerfiles:
#   docker.io/library/golang:<go>-<codename>      Debian minbase of that release (debootstrap:
#       bullseye, bookworm or trixie) + the real Go toolchain of that version (Go module proxy)
#   gcr.io/distroless/static-debian<12|13>:nonroot  passwd/group with nonroot 65532, CA certs,
#       tzdata, /tmp, os-release; no shell (and :latest, the same as root)
#   gcr.io/distroless/base-debian<12|13>:nonroot    the same plus that release's glibc
#   docker.io/library/alpine:<tag>                  busybox (sh), CA bundle, /etc/alpine-release,
#       and small adduser/addgroup scripts (Debian's busybox lacks those applets).
#       Not served: `apk add` (no Alpine mirror here) — our Dockerfiles never run apk.
#   scratch                                         built into podman: nothing to do.
#   The stand-ins are amd64 images; an arm64 build uses them as they are, which works for
#   stages without RUN (distroless, scratch) and is what the container tier checks.
# Usage: standins.sh REFERENCE...  the FROM images of a Dockerfile, e.g.
#   standins.sh docker.io/library/golang:1.27.4-trixie gcr.io/distroless/static-debian13:nonroot
# A pinned reference (name:tag@sha256:...) gets a stand-in under its tag: a local build
# cannot have the real image's digest (test/helpers/registry.ts serves pinned stand-ins).
# Idempotent (a stamp label per image); each Debian rootfs is debootstrapped once, cached.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=env.sh
source "$here/env.sh"
[ $# -gt 0 ] || { echo "usage: standins.sh REFERENCE... (e.g. docker.io/library/golang:1.27.4-trixie)" >&2; exit 2; }
# v5: images per Debian release (trixie added), os-release in distroless; bumping the
# stamp rebuilds stand-ins made by v4.
STAMP="gosynth-standin-v5"
cache="${GOSYNTH_STANDIN_CACHE:-/var/cache/gosynth-standins}"
mkdir -p "$cache"

exists() { [ "$(podman image inspect --format '{{ index .Labels "gosynth.standin" }}' "$1" 2>/dev/null)" = "$STAMP" ]; }

build() { # image context-dir [containerfile]
  podman build --quiet --pull=never --label "gosynth.standin=$STAMP" -t "$1" -f "${3:-$2/Containerfile}" "$2" >/dev/null
  echo "built $1 ($(podman image inspect --format '{{.Size}}' "$1") bytes)"
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The minbase of a Debian release as a tarball (debootstrap, from Debian's mirror; once).
rootfs() { # codename -> prints the tarball's path
  local file="$cache/$1-rootfs.tar"
  if [ ! -f "$file" ]; then
    echo "debootstrap $1 (minbase) ..." >&2
    local tmp
    tmp="$(mktemp -d)"
    debootstrap --variant=minbase --include=ca-certificates,tzdata,gcc,libc6-dev "$1" "$tmp/root" http://deb.debian.org/debian >/dev/null
    rm -rf "$tmp/root/var/cache/apt/archives/"*.deb "$tmp/root/var/lib/apt/lists/"*
    tar -C "$tmp/root" -cf "$file.part" .
    mv "$file.part" "$file"
    rm -rf "$tmp"
  fi
  echo "$file"
}

golang() { # image go-version codename
  if exists "$1"; then echo "ok $1"; return; fi
  local fs dir goroot
  fs="$(rootfs "$3")"
  dir="$work/golang-$2-$3"
  goroot="$(GOTOOLCHAIN="go$2" GOFLAGS= go env GOROOT)"
  mkdir -p "$dir"
  cp "$fs" "$dir/rootfs.tar"
  tar -C "$goroot/.." -cf "$dir/go.tar" --transform 's,^[^/]*,go,' "$(basename "$goroot")"
  # Trust what the host trusts: on this network the Go module proxy's certificate chains
  # to a CA that only the host's bundle holds, so with Debian's bundle alone `go mod
  # download` in the image fails with "x509: certificate signed by unknown authority".
  # The host bundle replaces Debian's at build time; without one, Debian's stays.
  local host_ca="${GOSYNTH_HOST_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}" ca_line=""
  if [ -s "$host_ca" ]; then
    cp "$host_ca" "$dir/ca-certificates.crt"
    ca_line="ADD ca-certificates.crt /etc/ssl/certs/ca-certificates.crt"
  else
    echo "warning: no host CA bundle at $host_ca; the golang stand-in keeps Debian's" >&2
  fi
  cat > "$dir/Containerfile" <<EOC
FROM scratch
ADD rootfs.tar /
${ca_line}
ADD go.tar /usr/local/
ENV GOLANG_VERSION=$2 GOPATH=/go GOTOOLCHAIN=local PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
WORKDIR /go
EOC
  build "$1" "$dir"
}

# Files every distroless stand-in of a release has, taken from its rootfs.
system_files() { # codename -> prints the directory
  local sys="$work/sys-$1" fs
  if [ ! -d "$sys" ]; then
    fs="$(rootfs "$1")"
    mkdir -p "$sys/etc/ssl/certs" "$sys/usr/share" "$sys/tmp" "$sys/home/nonroot"
    tar -C "$sys" -xf "$fs" ./etc/ssl/certs/ca-certificates.crt ./usr/share/zoneinfo ./usr/lib/os-release ./etc/os-release
    printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$sys/etc/passwd"
    printf 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n' > "$sys/etc/group"
    printf 'hosts: files dns\n' > "$sys/etc/nsswitch.conf"
    chmod 1777 "$sys/tmp"; chown 65532:65532 "$sys/home/nonroot"
  fi
  echo "$sys"
}

# glibc of a release, for distroless base. bookworm and trixie are usr-merged: /lib and
# /lib64 are symlinks into /usr.
libc_files() { # codename -> prints the directory
  local dir="$work/libc-$1" fs
  if [ ! -d "$dir" ]; then
    fs="$(rootfs "$1")"
    mkdir -p "$dir"
    tar -C "$dir" -xf "$fs" --wildcards ./lib ./lib64 ./usr/lib64/ld-linux-x86-64.so.2 \
      './usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so*' './usr/lib/x86_64-linux-gnu/libc.so.*' './usr/lib/x86_64-linux-gnu/libm.so.*' \
      './usr/lib/x86_64-linux-gnu/libresolv.so.*' './usr/lib/x86_64-linux-gnu/libnss_*' './usr/lib/x86_64-linux-gnu/libpthread.so.*' \
      './usr/lib/x86_64-linux-gnu/libdl.so.*'
  fi
  echo "$dir"
}

distroless() { # kind (static|base) debian-version (12|13) codename
  local base="gcr.io/distroless/$1-debian$2" dir="$work/distroless-$1-$2" sys libc=""
  if exists "$base:nonroot" && exists "$base:latest"; then echo "ok $base"; return; fi
  sys="$(system_files "$3")"
  [ "$1" = static ] || libc="$(libc_files "$3")"
  mkdir -p "$dir"
  tar -C "$sys" -cf "$dir/sys.tar" .
  [ -z "$libc" ] || tar -C "$libc" -cf "$dir/libc.tar" .
  {
    echo "FROM scratch"
    echo "ADD sys.tar /"
    [ -z "$libc" ] || echo "ADD libc.tar /"
  } > "$dir/Containerfile"
  build "$base:latest" "$dir"
  printf 'FROM %s\nUSER 65532:65532\nWORKDIR /home/nonroot\n' "$base:latest" > "$dir/Containerfile.nonroot"
  build "$base:nonroot" "$dir" "$dir/Containerfile.nonroot"
}

alpine() { # image tag
  if exists "$1"; then echo "ok $1"; return; fi
  local dir="$work/alpine-$2" a applet
  a="$dir/root"
  mkdir -p "$a/bin" "$a/sbin" "$a/usr/bin" "$a/usr/sbin" "$a/etc/ssl/certs" "$a/tmp" "$a/root"
  cp /bin/busybox "$a/bin/busybox"
  for applet in $("$a/bin/busybox" --list-full); do
    [ "$applet" = bin/busybox ] || ln -sf /bin/busybox "$a/$applet"
  done
  tar -C "$a/etc/ssl/certs" -xf "$(rootfs trixie)" --strip-components=4 ./etc/ssl/certs/ca-certificates.crt
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
  echo "$2 (gosynth stand-in)" > "$a/etc/alpine-release"
  chmod 1777 "$a/tmp"
  tar -C "$a" -cf "$dir/root.tar" .
  printf 'FROM scratch\nADD root.tar /\nCMD ["/bin/sh"]\n' > "$dir/Containerfile"
  build "$1" "$dir"
}

codename() { case "$1" in 12) echo bookworm ;; 13) echo trixie ;; esac; }

for ref in "$@"; do
  image="${ref%@sha256:*}"
  if [[ "$image" == scratch ]]; then
    continue
  elif [[ "$image" =~ ^docker\.io/library/golang:([0-9]+\.[0-9]+(\.[0-9]+)?)-(bullseye|bookworm|trixie)$ ]]; then
    golang "$image" "${BASH_REMATCH[1]}" "${BASH_REMATCH[3]}"
  elif [[ "$image" =~ ^gcr\.io/distroless/(static|base)-debian(12|13):(nonroot|latest)$ ]]; then
    distroless "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "$(codename "${BASH_REMATCH[2]}")"
  elif [[ "$image" =~ ^docker\.io/library/alpine:([0-9]+\.[0-9]+\.[0-9]+)$ ]]; then
    alpine "$image" "${BASH_REMATCH[1]}"
  else
    echo "standins.sh: no stand-in for $ref (golang:<go>-<bullseye|bookworm|trixie>, distroless static/base-debian12/13, alpine:<x.y.z>, scratch)" >&2
    exit 2
  fi
done
