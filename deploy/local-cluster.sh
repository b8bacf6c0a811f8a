#!/usr/bin/env bash
# A local cluster anyone can start: redis-server, two app instances and HAProxy in front,
# all on free loopback ports, each process ended by its own PID.
#
#   deploy/local-cluster.sh up               build, start everything, print LB=… A=… B=… REDIS=…
#   deploy/local-cluster.sh kill A|B [--hard] end one instance (SIGTERM; --hard: SIGKILL)
#   deploy/local-cluster.sh down             end everything this script started
#
# It installs nothing: when redis-server or haproxy is missing it names the Debian package.
# State (PIDs, ports, logs, the built app) lives in $BITBUCKETBLAZOR_CLUSTER_DIR
# (default: /tmp/bitbucketblazor-cluster-$USER). Set BITBUCKETBLAZOR_CLUSTER_NO_BUILD=1 to
# reuse the app built by an earlier "up", or BITBUCKETBLAZOR_CLUSTER_APP to a folder holding
# an already built BitbucketBlazor.dll (the tests use the build they run from).
# For the load benchmark (bench/load.sh): BITBUCKETBLAZOR_CLUSTER_HEAP_HOOK names bench's HeapHook.dll;
# each instance then loads it with a free BENCH_HEAP_PORT of its own, written to $state/a.heap-port.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="${BITBUCKETBLAZOR_CLUSTER_DIR:-/tmp/bitbucketblazor-cluster-${USER:-$(id -un)}}"
app="${BITBUCKETBLAZOR_CLUSTER_APP:-$state/app}"

die() { echo "local-cluster: $*" >&2; exit 1; }

find_program() {
  command -v "$1" 2>/dev/null || { [ -x "/usr/sbin/$1" ] && echo "/usr/sbin/$1"; } || true
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Waits (at most $2 seconds) until $1 answers 200.
wait_http() {
  local url=$1 seconds=$2
  for _ in $(seq $((seconds * 5))); do
    if curl -fsS -o /dev/null --max-time 1 "$url" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  return 1
}

wait_redis() {
  for _ in $(seq 100); do
    if redis-cli -p "$1" ping 2>/dev/null | grep -q PONG; then return 0; fi
    sleep 0.1
  done
  return 1
}

alive() { [ -f "$state/$1.pid" ] && kill -0 "$(cat "$state/$1.pid")" 2>/dev/null; }

start_instance() {
  local name=$1 port=$2 hook=()
  if [ -n "${BITBUCKETBLAZOR_CLUSTER_HEAP_HOOK:-}" ]; then
    free_port >"$state/$name.heap-port"
    hook=(DOTNET_STARTUP_HOOKS="$BITBUCKETBLAZOR_CLUSTER_HEAP_HOOK" BENCH_HEAP_PORT="$(cat "$state/$name.heap-port")")
  fi
  env ${hook[@]+"${hook[@]}"} \
  ConnectionStrings__Redis="127.0.0.1:$(cat "$state/redis.port")" \
  ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" \
  ASPNETCORE_FORWARDEDHEADERS_ENABLED=true \
  ASPNETCORE_URLS="http://127.0.0.1:$port" \
    nohup dotnet "$app/BitbucketBlazor.dll" --contentRoot "$app" >"$state/$name.log" 2>&1 &
  echo $! >"$state/$name.pid"
  echo "$port" >"$state/$name.port"
}

up() {
  local missing=()
  [ -n "$(find_program redis-server)" ] || missing+=(redis-server)
  [ -n "$(find_program haproxy)" ] || missing+=(haproxy)
  command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  if [ ${#missing[@]} -gt 0 ]; then
    die "missing: ${missing[*]}. Install with: sudo apt-get install ${missing[*]}"
  fi
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK 10 is missing (see global.json)"
  if alive redis || alive a || alive b || alive haproxy; then
    die "a cluster is already running (state in $state); run '$0 down' first"
  fi

  mkdir -p "$state"
  if [ -z "${BITBUCKETBLAZOR_CLUSTER_APP:-}" ] && { [ "${BITBUCKETBLAZOR_CLUSTER_NO_BUILD:-}" != 1 ] || [ ! -f "$app/BitbucketBlazor.dll" ]; }; then
    echo "local-cluster: building the app into $state/app" >&2
    dotnet build "$root/BitbucketBlazor/BitbucketBlazor.csproj" -c Release -o "$app" -v quiet -nologo >"$state/build.log" 2>&1 \
      || die "the build failed; see $state/build.log"
  fi

  local redis_port a_port b_port lb_port
  redis_port=$(free_port)
  "$(find_program redis-server)" --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$state/redis.log" 2>&1 &
  echo $! >"$state/redis.pid"
  echo "$redis_port" >"$state/redis.port"
  wait_redis "$redis_port" || die "redis-server did not start; see $state/redis.log"

  a_port=$(free_port)
  start_instance a "$a_port"
  b_port=$(free_port)
  start_instance b "$b_port"
  wait_http "http://127.0.0.1:$a_port/healthcheck" 60 || die "instance A did not start; see $state/a.log"
  wait_http "http://127.0.0.1:$b_port/healthcheck" 60 || die "instance B did not start; see $state/b.log"

  lb_port=$(free_port)
  LB_ADDRESS="127.0.0.1:$lb_port" A_ADDRESS="127.0.0.1:$a_port" B_ADDRESS="127.0.0.1:$b_port" \
    "$(find_program haproxy)" -f "$root/deploy/haproxy.cfg" -db >"$state/haproxy.log" 2>&1 &
  echo $! >"$state/haproxy.pid"
  echo "$lb_port" >"$state/haproxy.port"
  wait_http "http://127.0.0.1:$lb_port/healthcheck" 20 || die "haproxy did not start; see $state/haproxy.log"

  echo "LB=http://127.0.0.1:$lb_port A=http://127.0.0.1:$a_port B=http://127.0.0.1:$b_port REDIS=127.0.0.1:$redis_port"
}

stop() {
  local name=$1 signal=$2
  if alive "$name"; then
    local pid
    pid=$(cat "$state/$name.pid")
    kill "-$signal" "$pid"
    for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    # A graceful stop that takes over 15 s is ended the hard way: nothing may outlive "down".
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
  fi
  rm -f "$state/$name.pid"
}

case "${1:-}" in
  up) up ;;
  kill)
    case "${2:-}" in A|a) name=a ;; B|b) name=b ;; *) die "usage: $0 kill A|B [--hard]" ;; esac
    alive "$name" || die "instance ${name^^} is not running"
    if [ "${3:-}" = "--hard" ]; then stop "$name" KILL; else stop "$name" TERM; fi
    echo "local-cluster: instance ${name^^} ended" >&2
    ;;
  down)
    for name in haproxy a b redis; do stop "$name" TERM; done
    echo "local-cluster: everything stopped" >&2
    ;;
  *) die "usage: $0 up | kill A|B [--hard] | down" ;;
esac
