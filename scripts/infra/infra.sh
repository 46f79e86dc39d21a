#!/usr/bin/env bash
# Local infrastructure for development and tests, without Docker: PostgreSQL and a single-node
# Apache Kafka broker run from jars fetched once from Maven Central.
#
#   infra.sh up            start what is not running, create the databases, print the endpoints
#   infra.sh down [--purge] stop only what `up` started (--purge also deletes the Kafka data)
#   infra.sh status        what runs and who started it
#   infra.sh env           `export ...` lines for the endpoints: eval "$(scripts/infra/infra.sh env)"
#
# See scripts/infra/README.md for the environment variables.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
CACHE_DIR="${BDHVS_CACHE_DIR:-$REPO_ROOT/.cache}"

DEFAULT_DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_DATABASES="bdhvs_learners bdhvs_courses bdhvs_certification bdhvs_campaigns bdhvs_reporting
  bdhvs_test_learners bdhvs_test_courses bdhvs_test_certification bdhvs_test_campaigns bdhvs_test_reporting"
DATABASE_URL_IN_USE="${DATABASE_URL:-$DEFAULT_DATABASE_URL}"
PG_MARKER="$CACHE_DIR/postgres.started-by-infra"
export PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-5}"

# Keep in sync with kafka/pom.xml.
KAFKA_VERSION="4.1.1"
KAFKA_HOST="127.0.0.1"
KAFKA_PORT=9092
KAFKA_CONTROLLER_PORT=9093
# 1 GiB: a full test run creates a few thousand partitions, and 512 MiB ran out of heap at about 13,000.
KAFKA_HEAP="${BDHVS_KAFKA_HEAP:-1g}"
KAFKA_START_TIMEOUT=60
KAFKA_STOP_TIMEOUT=20
KAFKA_DIR="$CACHE_DIR/kafka"
KAFKA_LIBS="$KAFKA_DIR/$KAFKA_VERSION/libs"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_CONFIG="$KAFKA_DIR/server.properties"
KAFKA_LOG="$KAFKA_DIR/broker.log"
KAFKA_PID_FILE="$KAFKA_DIR/broker.pid"
KAFKA_BROKERS_IN_USE="${KAFKA_BROKERS:-$KAFKA_HOST:$KAFKA_PORT}"
KAFKA_JAVA=(java -Xmx"$KAFKA_HEAP" -Djava.awt.headless=true
  -Dlog4j2.configurationFile="$SCRIPT_DIR/kafka/log4j2.xml" -cp "$KAFKA_LIBS/*")

say() { printf '%s\n' "infra: $*"; }
die() { printf '%s\n' "infra: ERROR: $*" >&2; exit 1; }

# tcp_open HOST PORT: true when something accepts TCP connections there.
tcp_open() {
  local host="$1" port="$2"
  if command -v nc >/dev/null 2>&1; then
    nc -z -w 2 "$host" "$port" >/dev/null 2>&1
  elif command -v timeout >/dev/null 2>&1; then
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" >/dev/null 2>&1
  else
    bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" >/dev/null 2>&1
  fi
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------------------------

# Splits DATABASE_URL_IN_USE (postgres[ql]://[user[:password]@]host[:port][/db][?params]) into
# PG_HOST, PG_PORT and PG_ADMIN_URL (same server and credentials, database "postgres"); psql
# itself decodes the URL, so credentials stay exactly as given.
parse_database_url() {
  local url="$DATABASE_URL_IN_USE" scheme rest authority query="" hostport
  case "$url" in
    postgres://* | postgresql://*) ;;
    *) die "DATABASE_URL must look like postgres://user@host:port/db (got '$url')" ;;
  esac
  scheme="${url%%://*}"
  rest="${url#*://}"
  if [[ "$rest" == *\?* ]]; then query="?${rest#*\?}"; rest="${rest%%\?*}"; fi
  authority="${rest%%/*}"
  hostport="${authority##*@}"
  if [[ "$hostport" == \[* ]]; then # [ipv6]:port
    PG_HOST="${hostport%%]*}"; PG_HOST="${PG_HOST#[}"
    PG_PORT="${hostport##*]}"; PG_PORT="${PG_PORT#:}"
  else
    PG_HOST="${hostport%%:*}"
    PG_PORT=""; [[ "$hostport" == *:* ]] && PG_PORT="${hostport##*:}"
  fi
  PG_HOST="${PG_HOST:-localhost}"
  PG_PORT="${PG_PORT:-5432}"
  PG_ADMIN_URL="$scheme://$authority/postgres$query"
}

pg_is_local() {
  case "$PG_HOST" in 127.0.0.1 | localhost | ::1) return 0 ;; *) return 1 ;; esac
}

pg_reachable() { tcp_open "$PG_HOST" "$PG_PORT"; }

# Prints "<version> <cluster>" of the local Debian cluster listening on PG_PORT.
pg_local_cluster() {
  if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters -h 2>/dev/null | awk -v port="$PG_PORT" '$3 == port { print $1, $2; exit }'
  else
    local version; version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
    if [ -n "$version" ]; then echo "$version main"; fi
  fi
}

# pg_wait_ready TRIES: a server that was just started refuses connections for a few seconds.
pg_wait_ready() {
  local i
  for ((i = 0; i < $1; i++)); do
    if PG_ERROR="$(psql -d "$PG_ADMIN_URL" -qtAc 'select 1' 2>&1 >/dev/null)"; then return 0; fi
    sleep 1
  done
  return 1
}

pg_up() {
  local tries=3
  parse_database_url
  if pg_reachable; then
    if [ -f "$PG_MARKER" ]; then
      say "PostgreSQL: running on $PG_HOST:$PG_PORT (started earlier by infra.sh, cluster $(cat "$PG_MARKER"))"
    else
      say "PostgreSQL: running on $PG_HOST:$PG_PORT"
    fi
  else
    rm -f "$PG_MARKER"
    if ! pg_is_local || ! command -v pg_ctlcluster >/dev/null 2>&1; then
      die "PostgreSQL is not reachable at $PG_HOST:$PG_PORT and cannot be started from here (set DATABASE_URL or start it)"
    fi
    local cluster
    cluster="$(pg_local_cluster)"
    [ -n "$cluster" ] || die "PostgreSQL is not reachable at $PG_HOST:$PG_PORT and no local cluster uses port $PG_PORT"
    say "PostgreSQL: not reachable on $PG_HOST:$PG_PORT, starting local cluster $cluster..."
    # 9>&-: the server must not inherit the lock of take_lock.
    # shellcheck disable=SC2086 # "<version> <name>" is meant to split into two arguments
    pg_ctlcluster --skip-systemctl-redirect $cluster start 9>&- ||
      die "pg_ctlcluster $cluster start failed (are you root or the postgres user?)"
    echo "$cluster" >"$PG_MARKER"
    tries=30
  fi
  pg_wait_ready "$tries" || die "PostgreSQL on $PG_HOST:$PG_PORT does not accept connections with $DATABASE_URL_IN_USE: $PG_ERROR"
  pg_autovacuum_on
  pg_create_databases
}

# Autovacuum is PostgreSQL's default and every production server runs it. A server where it is off never
# analyses a table: the planner then reads whole tables where an index serves (a seq scan of 280,000
# qualifications for 114 learners, 40 ms instead of 1), and deleted outbox rows are never reclaimed.
# BDHVS_PG_KEEP_SETTINGS=1 leaves the server's settings alone.
pg_autovacuum_on() {
  [ "${BDHVS_PG_KEEP_SETTINGS:-}" = "1" ] && return 0
  local setting
  setting="$(psql -d "$PG_ADMIN_URL" -qtAc 'show autovacuum' 2>/dev/null)" || return 0
  [ "$setting" = "off" ] || return 0
  if psql -d "$PG_ADMIN_URL" -qtAc 'alter system set autovacuum = on' >/dev/null 2>&1 &&
    psql -d "$PG_ADMIN_URL" -qtAc 'select pg_reload_conf()' >/dev/null 2>&1; then
    say "PostgreSQL: autovacuum was off; turned it on (ALTER SYSTEM), as production runs it"
  else
    say "PostgreSQL: autovacuum is off and cannot be turned on from here; tables are never analysed"
  fi
}

pg_create_databases() {
  local existing db created=()
  existing="$(psql -d "$PG_ADMIN_URL" -qtAc 'select datname from pg_database')" ||
    die "cannot list databases with $DATABASE_URL_IN_USE"
  for db in ${BDHVS_DATABASES:-$DEFAULT_DATABASES}; do
    [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || die "invalid database name '$db' (lower case letters, digits, _)"
    grep -qx "$db" <<<"$existing" && continue
    psql -d "$PG_ADMIN_URL" -qtAc "create database \"$db\"" >/dev/null || die "cannot create database $db"
    created+=("$db")
  done
  if [ ${#created[@]} -gt 0 ]; then
    say "PostgreSQL: created databases ${created[*]}"
  else
    say "PostgreSQL: databases present"
  fi
}

pg_down() {
  if [ ! -f "$PG_MARKER" ]; then
    say "PostgreSQL: not started by infra.sh, leaving it alone"
    return 0
  fi
  local cluster; cluster="$(cat "$PG_MARKER")"
  say "PostgreSQL: stopping cluster $cluster (started by infra.sh)..."
  # shellcheck disable=SC2086
  pg_ctlcluster --skip-systemctl-redirect $cluster stop || die "pg_ctlcluster $cluster stop failed"
  rm -f "$PG_MARKER"
}

pg_status() {
  parse_database_url
  if pg_reachable; then
    if [ -f "$PG_MARKER" ]; then
      say "PostgreSQL: running on $PG_HOST:$PG_PORT, started by infra.sh (cluster $(cat "$PG_MARKER"))"
    else
      say "PostgreSQL: running on $PG_HOST:$PG_PORT, not started by infra.sh"
    fi
  else
    say "PostgreSQL: not reachable on $PG_HOST:$PG_PORT"
  fi
}

# ---------------------------------------------------------------------------------------------
# Kafka
# ---------------------------------------------------------------------------------------------

# Prints the pid of the broker this script started, if that process still runs. Checking the
# command line guards against a recycled pid.
kafka_our_pid() {
  local pid
  [ -f "$KAFKA_PID_FILE" ] || return 1
  pid="$(cat "$KAFKA_PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  ps -p "$pid" -o args= 2>/dev/null | grep -q 'kafka\.Kafka' || return 1
  echo "$pid"
}

kafka_any_broker_reachable() {
  local broker
  for broker in ${KAFKA_BROKERS_IN_USE//,/ }; do
    tcp_open "${broker%:*}" "${broker##*:}" && return 0
  done
  return 1
}

maven_repo_args() {
  # The normal ~/.m2 unless it cannot be written to.
  local m2="$HOME/.m2"
  if { [ -d "$m2" ] && [ -w "$m2" ]; } || { [ ! -e "$m2" ] && [ -w "$HOME" ]; }; then
    return 0
  fi
  echo "-Dmaven.repo.local=$CACHE_DIR/m2"
}

kafka_fetch_jars() {
  [ -f "$KAFKA_LIBS/.complete" ] && return 0
  command -v mvn >/dev/null 2>&1 || die "mvn (Maven) is needed once to fetch the Kafka jars"
  local tmp="$KAFKA_DIR/$KAFKA_VERSION/libs.tmp" mvn_log="$KAFKA_DIR/$KAFKA_VERSION/maven.log" started=$SECONDS
  rm -rf "$tmp"
  mkdir -p "$tmp"
  printf 'infra: fetching Apache Kafka %s jars from Maven Central (first run only, up to ~1 min)' "$KAFKA_VERSION"
  # One dot per downloaded file; the full Maven output goes to maven.log.
  # shellcheck disable=SC2046 # maven_repo_args prints zero or one argument without spaces
  if ! mvn -B -f "$SCRIPT_DIR/kafka/pom.xml" $(maven_repo_args) \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" 2>&1 |
      tee "$mvn_log" | while IFS= read -r line; do
        case "$line" in *Downloaded\ from*) printf '.' ;; esac
      done; then
    echo
    tail -n 20 "$mvn_log" >&2
    die "Maven could not fetch the Kafka jars (full output: $mvn_log)"
  fi
  echo " done ($(ls "$tmp" | wc -l | tr -d ' ') jars, $((SECONDS - started)) s)"
  rm -rf "$KAFKA_LIBS"
  mv "$tmp" "$KAFKA_LIBS"
  touch "$KAFKA_LIBS/.complete"
}

kafka_write_config() {
  mkdir -p "$KAFKA_DATA"
  sed -e "s|@HOST@|$KAFKA_HOST|g" \
      -e "s|@BROKER_PORT@|$KAFKA_PORT|g" \
      -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
      -e "s|@DATA_DIR@|$KAFKA_DATA|g" \
      "$SCRIPT_DIR/kafka/server.properties.template" >"$KAFKA_CONFIG"
}

kafka_format_storage() {
  [ -f "$KAFKA_DATA/meta.properties" ] && return 0
  local cluster_id
  cluster_id="$("${KAFKA_JAVA[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null |
    grep -E '^[A-Za-z0-9_-]{22}$' | tail -n 1)" || true
  [ -n "$cluster_id" ] || die "kafka.tools.StorageTool random-uuid printed nothing"
  say "Kafka: formatting a new data directory $KAFKA_DATA (cluster id $cluster_id)"
  "${KAFKA_JAVA[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONFIG" >"$KAFKA_DIR/format.log" 2>&1 || {
    cat "$KAFKA_DIR/format.log" >&2
    die "formatting the Kafka data directory failed"
  }
}

kafka_start() {
  command -v java >/dev/null 2>&1 || die "java (17+) is needed to run the local Kafka broker"
  kafka_fetch_jars
  kafka_write_config
  kafka_format_storage
  tcp_open "$KAFKA_HOST" "$KAFKA_CONTROLLER_PORT" &&
    die "port $KAFKA_CONTROLLER_PORT (Kafka controller) is already taken by another process"

  [ -f "$KAFKA_LOG" ] && mv -f "$KAFKA_LOG" "$KAFKA_LOG.1"
  rm -f "$KAFKA_PID_FILE"
  # 9>&- keeps the broker from inheriting (and holding forever) the lock of take_lock.
  # The child writes its own pid before exec'ing java, so the pid is java's even if setsid forks.
  # setsid detaches it from this terminal's session so it outlives the script and Ctrl-C.
  local detach=()
  command -v setsid >/dev/null 2>&1 && detach=(setsid)
  nohup ${detach[@]+"${detach[@]}"} bash -c 'echo $$ >"$0"; exec "$@"' "$KAFKA_PID_FILE" \
    "${KAFKA_JAVA[@]}" kafka.Kafka "$KAFKA_CONFIG" \
    >"$KAFKA_LOG" 2>&1 </dev/null 9>&- &

  say "Kafka: waiting for the broker on $KAFKA_HOST:$KAFKA_PORT (up to $KAFKA_START_TIMEOUT s)..."
  local deadline=$((SECONDS + KAFKA_START_TIMEOUT)) pid=""
  while ((SECONDS < deadline)); do
    [ -s "$KAFKA_PID_FILE" ] && pid="$(cat "$KAFKA_PID_FILE")"
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$KAFKA_PID_FILE"
      tail -n 30 "$KAFKA_LOG" >&2
      die "the Kafka broker exited during start-up (log: $KAFKA_LOG)"
    fi
    if grep -q 'Kafka Server started' "$KAFKA_LOG" 2>/dev/null && tcp_open "$KAFKA_HOST" "$KAFKA_PORT"; then
      say "Kafka: broker $KAFKA_VERSION started (pid $pid, log $KAFKA_LOG)"
      return 0
    fi
    sleep 0.5
  done
  tail -n 30 "$KAFKA_LOG" >&2
  die "the Kafka broker did not start within $KAFKA_START_TIMEOUT s (still running as pid ${pid:-?}; 'infra.sh down' stops it; log: $KAFKA_LOG)"
}

kafka_up() {
  if [ -n "${KAFKA_BROKERS:-}" ]; then
    kafka_any_broker_reachable || die "no broker of KAFKA_BROKERS=$KAFKA_BROKERS accepts connections"
    say "Kafka: using KAFKA_BROKERS=$KAFKA_BROKERS (reachable)"
    return 0
  fi
  local pid
  if pid="$(kafka_our_pid)"; then
    if tcp_open "$KAFKA_HOST" "$KAFKA_PORT"; then
      say "Kafka: running on $KAFKA_HOST:$KAFKA_PORT (started earlier by infra.sh, pid $pid)"
      return 0
    fi
    die "the Kafka broker started by infra.sh (pid $pid) runs but does not listen on $KAFKA_PORT; see $KAFKA_LOG or run 'infra.sh down'"
  fi
  rm -f "$KAFKA_PID_FILE"
  if tcp_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    say "Kafka: something already listens on $KAFKA_HOST:$KAFKA_PORT (not started by infra.sh), using it"
    return 0
  fi
  kafka_start
}

kafka_down() {
  local pid i
  if ! pid="$(kafka_our_pid)"; then
    rm -f "$KAFKA_PID_FILE"
    say "Kafka: no broker started by infra.sh is running"
    return 0
  fi
  say "Kafka: stopping the broker (pid $pid)..."
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < KAFKA_STOP_TIMEOUT * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "Kafka: still running after $KAFKA_STOP_TIMEOUT s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$KAFKA_PID_FILE"
  say "Kafka: stopped"
}

kafka_status() {
  local pid
  if [ -n "${KAFKA_BROKERS:-}" ]; then
    if kafka_any_broker_reachable; then
      say "Kafka: KAFKA_BROKERS=$KAFKA_BROKERS reachable, not managed by infra.sh"
    else
      say "Kafka: KAFKA_BROKERS=$KAFKA_BROKERS not reachable"
    fi
  elif pid="$(kafka_our_pid)"; then
    say "Kafka: running on $KAFKA_HOST:$KAFKA_PORT, started by infra.sh (pid $pid, Kafka $KAFKA_VERSION, log $KAFKA_LOG)"
  elif tcp_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    say "Kafka: something listens on $KAFKA_HOST:$KAFKA_PORT, not started by infra.sh"
  else
    say "Kafka: not running"
  fi
  if [ -f "$KAFKA_DATA/meta.properties" ]; then
    say "Kafka: data directory $KAFKA_DATA ($(du -sh "$KAFKA_DATA" 2>/dev/null | cut -f1))"
  fi
}

# ---------------------------------------------------------------------------------------------

print_endpoints() {
  echo "DATABASE_URL=$DATABASE_URL_IN_USE"
  echo "KAFKA_BROKERS=$KAFKA_BROKERS_IN_USE"
}

# Serialises concurrent runs (e.g. several terminals or test runners calling `up` at once).
take_lock() {
  mkdir -p "$KAFKA_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$CACHE_DIR/infra.lock"
    flock -w 120 9 || die "another infra.sh has held $CACHE_DIR/infra.lock for 2 min"
  fi
}

usage() {
  echo "usage: $0 up | down [--purge] | status | env | jars" >&2
  exit 2
}

main() {
  local cmd="${1:-}"
  shift || true
  case "$cmd" in
    up)
      [ $# -eq 0 ] || usage
      take_lock
      pg_up
      kafka_up
      print_endpoints
      ;;
    down)
      local purge=false
      case "${1:-}" in --purge) purge=true ;; "") ;; *) usage ;; esac
      take_lock
      kafka_down
      pg_down
      if $purge; then
        rm -rf "$KAFKA_DATA"
        say "Kafka: data directory removed ($KAFKA_DATA)"
      fi
      ;;
    status)
      pg_status
      kafka_status
      ;;
    jars)
      # For a test that runs a broker of its own: the directory of the cached jars, fetched when missing.
      [ $# -eq 0 ] || usage
      take_lock
      kafka_fetch_jars >&2
      echo "$KAFKA_LIBS"
      ;;
    env)
      printf "export DATABASE_URL='%s'\n" "$DATABASE_URL_IN_USE"
      printf "export KAFKA_BROKERS='%s'\n" "$KAFKA_BROKERS_IN_USE"
      ;;
    *) usage ;;
  esac
}

main "$@"
