#!/usr/bin/env bash
# Builds and runs Docker's own allocators (moby v28.4.0: defaultipam, portallocator) on the
# workloads of docs/BENCHMARKS.md (perf-anchor.md §5), so cnm's JMH figures can be compared side
# by side, on the same machine, in the same hour. `bin/bench --side-by-side` drives it.
#
#   run.sh MOBY_GIT_DIR [COUNT]        build, then run every anchor benchmark COUNT times (default 3)
#   run.sh --build-only MOBY_GIT_DIR   build only; prints the test binary's path
#
# The binary also measures the retained heap of moby's allocators on the shapes of cnm's
# Footprint (perf-anchor.md §4.3): `anchor.test -test.run '^TestRetainedHeap$'` (≈2 min).
#
# MOBY_GIT_DIR: a git directory (bare clone or mirror) of moby/moby holding tag v28.4.0. Nothing of
# moby is kept in this repository: the sources are extracted from that copy into $ANCHOR_WORK
# (default ${TMPDIR:-/tmp}/cnm-anchor) and built there in GOPATH mode from moby's vendor tree, so
# no Go module proxy is needed. Go 1.23 comes from Debian's bookworm-backports when missing
# (v28.4.0 is the newest tag Go 1.23 builds).
set -euo pipefail
build_only=0
if [[ ${1:-} == --build-only ]]; then
  build_only=1
  shift
fi
git_dir=${1:?usage: run.sh [--build-only] MOBY_GIT_DIR [COUNT]}
count=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=${ANCHOR_WORK:-${TMPDIR:-/tmp}/cnm-anchor}
go=${ANCHOR_GO:-/usr/lib/go-1.23/bin/go}

if [[ ! -x $go ]]; then
  if [[ ! -f /etc/apt/sources.list.d/backports.sources ]]; then
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
    printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$uri" > /etc/apt/sources.list.d/backports.sources
  fi
  apt-get update -qq && apt-get install -y -qq -t bookworm-backports golang-1.23-go >/dev/null
fi

src=$work/gopath/src/github.com/docker/docker
if [[ ! -d $src/libnetwork ]]; then
  mkdir -p "$src"
  git --git-dir="$git_dir" archive v28.4.0 | tar -x -C "$src"
fi
mkdir -p "$src/libnetwork/cnmanchor"
if ! cmp -s "$here/moby_anchor_test.go" "$src/libnetwork/cnmanchor/anchor_test.go" || [[ ! -x $work/anchor.test ]]; then
  cp "$here/moby_anchor_test.go" "$src/libnetwork/cnmanchor/anchor_test.go"
  (cd "$src/libnetwork/cnmanchor" &&
    GO111MODULE=off GOPATH=$work/gopath GOCACHE=$work/gocache GOFLAGS= "$go" test -c -o "$work/anchor.test" .)
fi
if ((build_only)); then
  echo "$work/anchor.test"
  exit 0
fi
"$work/anchor.test" -test.run x -test.bench . -test.benchtime=1s -test.count="$count" -test.benchmem
