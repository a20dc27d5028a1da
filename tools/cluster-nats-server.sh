#!/usr/bin/env bash
# Prints the path of a nats-server fit for cluster mode (docs/architecture.md, "Cluster mode"):
# 2.10.23 or later. Debian 12's 2.9.10 stores two concurrent clustered appends with the same expected
# sequence (nats-io/nats-server#4320): measured, every cluster-mode run of the mixed load lost an
# acknowledged key pair that way; 2.10.20–2.10.22 could lose a whole stream after a crash. The one
# on PATH is used when it is fit; otherwise Debian 13's package is downloaded (apt-get download
# from deb.debian.org, nothing installed on the system) and its binary kept under
# .cache/nats-server/. DEW_NATS_SERVER_BIN, when set, wins.
set -euo pipefail
cd "$(dirname "$0")/.."

fit() { # a nats-server binary of version 2.10.23 or later that runs here
  local v
  v=$("$1" --version 2>/dev/null | sed -n 's/.*v\([0-9]*\)\.\([0-9]*\)\.\([0-9]*\).*/\1 \2 \3/p') || return 1
  [ -n "$v" ] || return 1
  set -- $v
  [ "$1" -gt 2 ] || { [ "$1" -eq 2 ] && { [ "$2" -gt 10 ] || { [ "$2" -eq 10 ] && [ "$3" -ge 23 ]; }; }; }
}
fail() {
  echo "cluster mode needs nats-server 2.10.23 or later, and none could be had: $1." >&2
  echo "Set DEW_NATS_SERVER_BIN to one, or let this machine reach deb.debian.org (tools/cluster-nats-server.sh)." >&2
  exit 1
}

if [ -n "${DEW_NATS_SERVER_BIN:-}" ]; then echo "$DEW_NATS_SERVER_BIN"; exit 0; fi
if command -v nats-server >/dev/null && fit "$(command -v nats-server)"; then command -v nats-server; exit 0; fi
cached="$PWD/.cache/nats-server/nats-server"
if [ -x "$cached" ] && fit "$cached"; then echo "$cached"; exit 0; fi
command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || fail "apt-get and dpkg-deb are not here (not Debian?)"

work="$PWD/.cache/apt-trixie"
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/deb" "$(dirname "$cached")"
echo "deb http://deb.debian.org/debian trixie main" > "$work/sources.list"
apt_opts=(-q -o "Dir::Etc::sourcelist=$work/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o Debug::NoLocking=1)
echo "fetching nats-server for cluster mode from Debian trixie (the system's is older than 2.10.23)" >&2
apt-get "${apt_opts[@]}" update >&2 || fail "apt-get update of Debian trixie's index failed"
ls "$work"/lists/*trixie*Packages* >/dev/null 2>&1 || fail "Debian trixie's package index could not be fetched"
rm -f "$work"/deb/nats-server_*.deb
(cd "$work/deb" && apt-get "${apt_opts[@]}" download nats-server >&2) || fail "apt-get download nats-server from Debian trixie failed"
rm -rf "$work/root" && dpkg-deb -x "$work"/deb/nats-server_*.deb "$work/root"
install -m 0755 "$work/root/usr/sbin/nats-server" "$cached.new" && mv "$cached.new" "$cached"
fit "$cached" || fail "the downloaded one does not run here or is older: $("$cached" --version 2>&1 | head -1)"
echo "$cached"
