#!/usr/bin/env bash
# Local services for the test suite: PostgreSQL, Redis and Elasticsearch, on
# loopback only, with all state under .services/ (or $COMMUNITY_SERVICES_DIR).
#
#   scripts/services.sh start  [postgres|redis|elasticsearch ...]  # install if missing, start, wait
#   scripts/services.sh stop   [postgres|redis|elasticsearch ...]
#   scripts/services.sh status [postgres|redis|elasticsearch ...]
#   eval "$(scripts/services.sh env)"                              # DATABASE_URL, REDIS_URL, ...
#
# Ports: COMMUNITY_PG_PORT (55432), COMMUNITY_REDIS_PORT (56379),
#        COMMUNITY_ES_PORT (59200), COMMUNITY_ES_TRANSPORT_PORT (59300).
# Needs root (installs packages, runs postgres and elasticsearch as their own users).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${COMMUNITY_SERVICES_DIR:-$ROOT/.services}
PG_PORT=${COMMUNITY_PG_PORT:-55432}
REDIS_PORT=${COMMUNITY_REDIS_PORT:-56379}
ES_PORT=${COMMUNITY_ES_PORT:-59200}
ES_TRANSPORT_PORT=${COMMUNITY_ES_TRANSPORT_PORT:-59300}
# Elasticsearch server version follows the pinned Python client.
ES_VERSION=$(sed -n 's/^elasticsearch==\([0-9.]*\).*/\1/p' "$ROOT/requirements.txt" 2>/dev/null || true)
ES_VERSION=${ES_VERSION:-8.19.3}
ES_ARTIFACT=org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip
ES_USER=elasticsearch-local

PG_DIR=$STATE/postgres
REDIS_DIR=$STATE/redis
ES_DIR=$STATE/elasticsearch
ES_HOME=$ES_DIR/elasticsearch-$ES_VERSION
ALL_SERVICES=(postgres redis elasticsearch)

DATABASE_URL=postgres://community:community@127.0.0.1:$PG_PORT/community
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
ELASTICSEARCH_URL=http://127.0.0.1:$ES_PORT

say() { echo "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

apt_install() {
  say "installing $* ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "$@" >/dev/null ||
    { apt-get update -q >/dev/null && apt-get install -y -q "$@" >/dev/null; }
}

need_cmd() { command -v "$1" >/dev/null || apt_install "$2"; }

# A directory that a service user can reach (every parent must be traversable).
make_dir() {
  local dir=$1 owner=$2
  mkdir -p "$dir"
  chmod o+x "$STATE" "$dir"
  chown "$owner:" "$dir"
  runuser -u "$owner" -- test -w "$dir" ||
    die "$owner cannot write $dir (is every parent directory traversable?)"
}

# True when the pidfile names a live (not zombie) process.
pid_alive() {
  local pid
  [[ -s $1 ]] && pid=$(head -n1 "$1") && kill -0 "$pid" 2>/dev/null &&
    [[ $(ps -o stat= -p "$pid") != Z* ]]
}

# ---------------------------------------------------------------- postgres
pg_bin() { printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n1; }
pg() { runuser -u postgres -- "$(pg_bin)/$1" "${@:2}"; }
postgres_log() { echo "$PG_DIR/postgres.log"; }
postgres_url() { echo "$DATABASE_URL"; }
postgres_running() { [[ -s $PG_DIR/data/PG_VERSION ]] && pg pg_ctl -D "$PG_DIR/data" status >/dev/null 2>&1; }
postgres_ready() { "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; }

postgres_install() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || apt_install postgresql
  make_dir "$PG_DIR" postgres
  [[ -s $PG_DIR/data/PG_VERSION ]] ||
    pg initdb -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
}

postgres_start() {
  pg pg_ctl -D "$PG_DIR/data" -l "$(postgres_log)" -W start -o \
    "-c listen_addresses=127.0.0.1 -p $PG_PORT -k '$PG_DIR' -c fsync=off -c synchronous_commit=off" >/dev/null
}

# Called once the server answers: role and database for the app (idempotent).
postgres_setup() {
  local q=("$(pg_bin)/psql" -X -q -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres -tAc)
  [[ $("${q[@]}" "select 1 from pg_roles where rolname = 'community'") == 1 ]] ||
    "${q[@]}" "create role community login superuser password 'community'"
  [[ $("${q[@]}" "select 1 from pg_database where datname = 'community'") == 1 ]] ||
    "${q[@]}" "create database community owner community"
}

postgres_stop() { pg pg_ctl -D "$PG_DIR/data" -m fast -w stop >/dev/null; }

# ---------------------------------------------------------------- redis
redis_log() { echo "$REDIS_DIR/redis.log"; }
redis_url() { echo "$REDIS_URL"; }
redis_running() { pid_alive "$REDIS_DIR/redis.pid"; }
redis_ready() { [[ $(timeout 3 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }
redis_install() { need_cmd redis-server redis-server; need_cmd redis-cli redis-tools; mkdir -p "$REDIS_DIR"; }
redis_setup() { :; }

redis_start() {
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes \
    --save '' --appendonly no --dir "$REDIS_DIR" \
    --pidfile "$REDIS_DIR/redis.pid" --logfile "$(redis_log)"
}

redis_stop() { timeout 10 redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; wait_gone "$REDIS_DIR/redis.pid"; }

# ---------------------------------------------------------------- elasticsearch
elasticsearch_log() { echo "$ES_DIR/logs/community-test.log"; }
elasticsearch_url() { echo "$ELASTICSEARCH_URL"; }
elasticsearch_running() { pid_alive "$ES_DIR/elasticsearch.pid"; }
elasticsearch_ready() {
  curl -fsS --max-time 5 -o /dev/null "$ELASTICSEARCH_URL/_cluster/health?wait_for_status=yellow&timeout=1s" 2>/dev/null
}
elasticsearch_setup() { :; }

elasticsearch_install() {
  need_cmd java default-jre-headless
  need_cmd curl curl
  id -u "$ES_USER" >/dev/null 2>&1 ||
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER"
  make_dir "$ES_DIR" "$ES_USER"
  if [[ ! -x $ES_HOME/bin/elasticsearch ]]; then
    need_cmd mvn maven
    need_cmd unzip unzip
    say "fetching $ES_ARTIFACT ..."
    mvn -B -q dependency:copy -Dartifact="$ES_ARTIFACT" -DoutputDirectory="$ES_DIR/download" \
      >"$ES_DIR/mvn.log" 2>&1 || { cat "$ES_DIR/mvn.log" >&2; die "could not fetch $ES_ARTIFACT"; }
    unzip -q -o "$ES_DIR/download/elasticsearch-$ES_VERSION.zip" -d "$ES_DIR"
    rm -rf "$ES_DIR/download"
    # Its GC log goes to a relative gc.log, which strands the launcher's JVM probe dirs in /tmp.
    sed -i '/^-Xlog:gc/d' "$ES_HOME/config/jvm.options"
  fi
  mkdir -p "$ES_DIR/data" "$ES_DIR/logs" "$ES_DIR/tmp"
  chown -R "$ES_USER:" "$ES_DIR"
}

elasticsearch_start() {
  local java_home
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  find "$ES_DIR/tmp" -mindepth 1 -delete  # leftovers of the last launch (JVM probe dirs etc.)
  # -d returns once the node has started (or failed); its own output goes to launcher.log.
  (cd "$ES_DIR" && timeout 180 runuser -u "$ES_USER" -- env ES_JAVA_HOME="$java_home" \
    ES_JAVA_OPTS="-Xms512m -Xmx512m" ES_TMPDIR="$ES_DIR/tmp" CLI_JAVA_OPTS="-Djava.io.tmpdir=$ES_DIR/tmp" \
    "$ES_HOME/bin/elasticsearch" -d -p "$ES_DIR/elasticsearch.pid" \
    -E cluster.name=community-test -E discovery.type=single-node \
    -E network.host=127.0.0.1 -E http.port="$ES_PORT" -E transport.port="$ES_TRANSPORT_PORT" \
    -E path.data="$ES_DIR/data" -E path.logs="$ES_DIR/logs" \
    -E xpack.security.enabled=false \
    -E cluster.routing.allocation.disk.threshold_enabled=false \
    >"$ES_DIR/launcher.log" 2>&1) || true
}

elasticsearch_stop() {
  local pidfile=$ES_DIR/elasticsearch.pid
  pid_alive "$pidfile" && kill "$(head -n1 "$pidfile")"
  wait_gone "$pidfile"
}

# ---------------------------------------------------------------- generic
wait_gone() {
  local pidfile=$1 i
  for ((i = 0; i < 60; i++)); do pid_alive "$pidfile" || return 0; sleep 1; done
  kill -9 "$(head -n1 "$pidfile")" 2>/dev/null || true
}

fail() {
  local svc=$1 limit=$2 log
  log=$("${svc}_log")
  say "ERROR: $svc did not become ready within $limit s; see its log: $log"
  "${svc}_running" || say "($svc is not running: it exited while starting)"
  [[ -f $log ]] && tail -n 30 "$log" >&2
  if [[ $svc == elasticsearch && -s $ES_DIR/launcher.log ]]; then
    say "--- errors from $ES_DIR/launcher.log:"
    grep -E '\]\[ERROR\]|^Caused by|^ERROR' "$ES_DIR/launcher.log" | head -n 5 | cut -c1-300 >&2 || true
  fi
  exit 1
}

postgres_ports() { echo "$PG_PORT"; }
redis_ports() { echo "$REDIS_PORT"; }
elasticsearch_ports() { echo "$ES_PORT $ES_TRANSPORT_PORT"; }
elasticsearch_startup_log() { echo "$ES_DIR/launcher.log"; }
postgres_startup_log() { postgres_log; }
redis_startup_log() { redis_log; }

# The ports are in the kernel's range for outgoing connections (32768 to 60999), so for a
# moment one of them can be the local end of some client's connection, and the server
# then exits with "Address already in use". Wait for such a connection to end first.
wait_for_ports() {
  local port i
  for port in $("$1_ports"); do
    for ((i = 0; i < 30; i++)); do
      [[ -z $(ss -Htan exclude time-wait "( sport = :$port )" 2>/dev/null) ]] && break
      ((i == 0)) && say "port $port is held by another connection; waiting for it"
      sleep 1
    done
  done
}

bind_failed() { grep -qs 'Address already in use' "$("$1_startup_log")"; }

start_one() {
  local svc=$1 limit=60 start=$SECONDS tries=1
  [[ $svc == elasticsearch ]] && limit=180
  "${svc}_install"
  if ! "${svc}_running"; then wait_for_ports "$svc"; "${svc}_start"; fi
  until "${svc}_ready"; do
    # Give up early when the process is gone (e.g. port taken), else at the limit; a port
    # taken between the check and the server's bind gets two more tries.
    if ((SECONDS - start >= 3)) && ! "${svc}_running" && ((tries < 3)) && bind_failed "$svc"; then
      say "$svc could not bind its port; starting it again"
      tries=$((tries + 1)) start=$SECONDS
      sleep 2; wait_for_ports "$svc"; "${svc}_start"
      continue
    fi
    if ((SECONDS - start >= limit)) || { ((SECONDS - start >= 3)) && ! "${svc}_running"; }; then
      fail "$svc" "$limit"
    fi
    sleep 1
  done
  "${svc}_setup"
  echo "$svc ready at $("${svc}_url")"
}

stop_one() { if "$1_running"; then "$1_stop"; fi; echo "$1 stopped"; }
status_one() { if "$1_running"; then echo "$1 running"; else echo "$1 stopped"; fi; }

print_env() {
  echo "export DATABASE_URL=$DATABASE_URL"
  echo "export REDIS_URL=$REDIS_URL"
  echo "export ELASTICSEARCH_URL=$ELASTICSEARCH_URL"
  # The minimal distribution has no analysis module: only the standard analyser works.
  echo "export ELASTICSEARCH_ANALYSIS=standard"
}

main() {
  local cmd=${1:-}; shift || true
  local services=("$@") svc
  ((${#services[@]})) || services=("${ALL_SERVICES[@]}")
  for svc in "${services[@]}"; do
    [[ " ${ALL_SERVICES[*]} " == *" $svc "* ]] || die "unknown service: $svc"
  done
  case $cmd in
    start) [[ $(id -u) == 0 ]] || die "start needs root"
           mkdir -p "$STATE"
           for svc in "${services[@]}"; do start_one "$svc"; done ;;
    stop) for svc in "${services[@]}"; do stop_one "$svc"; done ;;
    status) for svc in "${services[@]}"; do status_one "$svc"; done ;;
    env) print_env ;;
    *) sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
  esac
}

main "$@"
