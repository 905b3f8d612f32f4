#!/usr/bin/env bash
# Makes the `etcd` server binary available for cnm-store-etcd's tests.
# Idempotent: does nothing when etcd is already on PATH (or at /usr/bin/etcd).
# Installs Debian's etcd-server package otherwise (needs root and Debian's archive).
# Prints the path of the binary on success.
set -euo pipefail

find_etcd() {
  if command -v etcd >/dev/null 2>&1; then
    command -v etcd
  elif [ -x /usr/bin/etcd ]; then
    echo /usr/bin/etcd
  else
    return 1
  fi
}

if ! find_etcd >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "etcd.sh: etcd is not installed and this is not root; cannot apt-get install etcd-server" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq etcd-server >/dev/null
fi

bin="$(find_etcd)" || { echo "etcd.sh: etcd-server installed but no etcd binary found" >&2; exit 1; }
"$bin" --version | sed -n 1p >&2 # sed reads it all: head could end the pipe early (SIGPIPE under pipefail)
echo "$bin"
