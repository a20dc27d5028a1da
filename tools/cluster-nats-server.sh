#!/usr/bin/env bash
# Prints the path of a nats-server fit for cluster mode (docs/architecture.md, "Cluster mode"):
# 2.10 or later. Debian 12's 2.9.10 stores two concurrent clustered appends with the same expected
# sequence (nats-io/nats-server#4320): measured, every cluster-mode run of the mixed load lost an
# acknowledged key pair that way. The one on PATH is used when it is new enough; otherwise Debian
# 13's package is downloaded (apt-get download from deb.debian.org, nothing installed on the
# system) and its binary kept under .cache/nats-server/. DEW_NATS_SERVER_BIN, when set, wins.
set -euo pipefail
cd "$(dirname "$0")/.."

fit() { # a nats-server binary of version 2.10 or later
  local v
  v=$("$1" --version 2>/dev/null | sed -n 's/.*v\([0-9]*\)\.\([0-9]*\)\..*/\1 \2/p') || return 1
  [ -n "$v" ] && set -- $v && { [ "$1" -gt 2 ] || { [ "$1" -eq 2 ] && [ "$2" -ge 10 ]; }; }
}

if [ -n "${DEW_NATS_SERVER_BIN:-}" ]; then echo "$DEW_NATS_SERVER_BIN"; exit 0; fi
if command -v nats-server >/dev/null && fit "$(command -v nats-server)"; then command -v nats-server; exit 0; fi
cached="$PWD/.cache/nats-server/nats-server"
if [ -x "$cached" ] && fit "$cached"; then echo "$cached"; exit 0; fi

work="$PWD/.cache/apt-trixie"
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/deb" "$(dirname "$cached")"
echo "deb http://deb.debian.org/debian trixie main" > "$work/sources.list"
apt_opts=(-q -o "Dir::Etc::sourcelist=$work/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o Debug::NoLocking=1)
echo "fetching nats-server for cluster mode from Debian trixie (the system's is older than 2.10)" >&2
apt-get "${apt_opts[@]}" update >&2
(cd "$work/deb" && rm -f nats-server_*.deb && apt-get "${apt_opts[@]}" download nats-server >&2 2>/dev/null)
rm -rf "$work/root" && dpkg-deb -x "$work"/deb/nats-server_*.deb "$work/root"
install -m 0755 "$work/root/usr/sbin/nats-server" "$cached"
fit "$cached" || { echo "the downloaded nats-server is older than 2.10: $("$cached" --version)" >&2; exit 1; }
echo "$cached"
