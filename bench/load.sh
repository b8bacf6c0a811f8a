#!/usr/bin/env bash
# The load benchmark of issue 9, run by hand (never in CI): the local cluster (redis-server, two
# Release instances, HAProxy), N HTTP attendees and M Chromium circuits through the load balancer,
# one instance killed mid-run. Prints markdown tables (see bench/README.md for each figure).
#
#   bash bench/load.sh                                  # 300 HTTP attendees, 30 circuits, kill A gracefully
#   bash bench/load.sh --http 20 --browsers 3 --kill B --hard
#   bash bench/load.sh --kill-at 0.1 ...                # kill once 10% of the HTTP attendees reached it (default 0.2)
#   bash bench/load.sh --no-build ...                   # reuse bench/out from the last run
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out="$PWD/bench/out"

args=()
for a in "$@"; do [ "$a" = --no-build ] || args+=("$a"); done
if [ ${#args[@]} = $# ]; then
  echo "[load] building (Release): the heap hook, the load runner" >&2
  dotnet build bench/HeapHook/HeapHook.csproj -c Release -o "$out/hook" -v q -nologo >/dev/null
  dotnet build bench/LoadRunner/LoadRunner.csproj -c Release -o "$out/load" -v q -nologo >/dev/null
else
  export BITBUCKETBLAZOR_CLUSTER_NO_BUILD=1
fi

# The cluster as local-cluster.sh runs it (a Release build; Development, because a build that is
# not published serves its static web assets only there), with quiet logs and each instance
# loading the heap hook on a port of its own. Every attendee comes from 127.0.0.1, so the
# per-address limits are sized for the room, as RateLimitOptions advises for a room behind one NAT.
export BITBUCKETBLAZOR_CLUSTER_DIR="$out/cluster"
export BITBUCKETBLAZOR_CLUSTER_HEAP_HOOK="$out/hook/HeapHook.dll"
export Logging__LogLevel__Default=Warning
export RateLimits__AuthorizePerWindow=100000 RateLimits__CallbackPerWindow=100000 RateLimits__SandboxPerWindow=1000000
trap 'bash deploy/local-cluster.sh down >/dev/null 2>&1 || true' EXIT

echo "[load] machine load before: $(uptime)" >&2
"$out/load/LoadRunner" "$PWD" "$BITBUCKETBLAZOR_CLUSTER_DIR" ${args[@]+"${args[@]}"}
