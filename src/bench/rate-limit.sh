#!/usr/bin/env bash
# Cost of the rate limiter per request, on this machine's PostgreSQL and Redis: the same
# jar run with the limiter on and off, the same wrk runs against each. Needs wrk.
#   bash src/bench/rate-limit.sh        # results on stdout; copy them into docs/security.md
# GET /v1/auth/csrf with a configured rule isolates the limiter (the route itself does
# almost nothing); POST /v1/auth/sign-in shows it against the Argon2id cost it protects.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
PORT=${PORT:-18081}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-20s}
BUILD_DIR=${BUILD_DIR:-target}
BASE=http://127.0.0.1:$PORT
PGHOST=${PGHOST:-127.0.0.1}
DB=portcullis_bench_rl_$RANDOM$RANDOM
KEY=$(head -c 32 /dev/urandom | base64)
EMAIL=bench-$RANDOM@example.com
PASSWORD="correct horse battery staple"

./mvnw -q -B -ntp -DskipTests -Dbuild.dir="$BUILD_DIR" package
JAR=$(ls "$BUILD_DIR"/portcullis-*.jar | grep -v plain | head -1)
psql -h "$PGHOST" -U postgres -qc "create database $DB"
APP=
cleanup() {
	if [ -n "$APP" ]; then kill "$APP" 2>/dev/null; wait "$APP" 2>/dev/null || true; fi
	psql -h "$PGHOST" -U postgres -qc "drop database if exists $DB with (force)"
	redis-cli --scan --pattern "*$DB*" | xargs -r redis-cli del > /dev/null
}
trap cleanup EXIT

start() {
	java -Xms512m -Xmx512m -jar "$JAR" --server.port="$PORT" --portcullis.issuer="$BASE" \
		--spring.r2dbc.url="r2dbc:postgresql://$PGHOST:5432/$DB" --spring.r2dbc.username=postgres --spring.r2dbc.password= \
		--spring.data.redis.url=redis://127.0.0.1:6379 --portcullis.redis-prefix="$DB" --portcullis.encryption.key="$KEY" \
		--logging.level.portcullis.audit=WARN "$@" > /tmp/portcullis-bench-rl.log 2>&1 &
	APP=$!
	for _ in $(seq 1 120); do curl -fs "$BASE/actuator/health/readiness" > /dev/null && return; sleep 1; done
	echo "gateway did not start" >&2; exit 1
}

stop() {
	kill "$APP"; wait "$APP" 2>/dev/null || true; APP=
}

# CPU time of the gateway process so far, in ms (utime + stime; clock ticks of 10 ms).
cpu_ms() {
	awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$APP/stat"
}

# Microseconds Redis has spent in EVALSHA so far (every client of this Redis).
redis_usec() {
	redis-cli info commandstats | awk -F'[=,]' '/^cmdstat_evalsha:/ { print $4 } END { print 0 }' | head -1
}

# One wrk run; prints throughput, latency and the gateway's CPU per request, which a
# busy machine distorts far less than throughput.
run() {
	local label=$1; shift
	local cpu_before evalsha_before out requests
	cpu_before=$(cpu_ms); evalsha_before=$(redis_usec)
	out=$(wrk "$@")
	requests=$(echo "$out" | awk '/requests in/ { print $1 }')
	echo "-- $label: $requests requests, $(echo "$out" | awk '/Requests\/sec/ { print $2 }') req/s," \
		"p50 $(echo "$out" | awk '$1 == "50%" { print $2 }'), p99 $(echo "$out" | awk '$1 == "99%" { print $2 }')," \
		"gateway CPU $(awk -v c="$(( $(cpu_ms) - cpu_before ))" -v n="$requests" 'BEGIN { printf "%.3f", c / n }') ms/request," \
		"Redis EVALSHA $(awk -v u="$(( $(redis_usec) - evalsha_before ))" -v n="$requests" 'BEGIN { printf "%.1f", u / n }') µs/request"
}

measure() {
	# JIT compilation would otherwise be counted as the cost of whichever run comes first.
	wrk -t2 -c16 -d"$WARMUP" "$BASE/v1/auth/csrf" > /dev/null
	wrk -t2 -c4 -d"$WARMUP" -s src/bench/sign-in.lua "$BASE/v1/auth/sign-in" -- "$EMAIL" > /dev/null
	run "$1: GET /v1/auth/csrf, 16 connections" -t2 -c16 -d"$DURATION" --latency "$BASE/v1/auth/csrf"
	run "$1: POST /v1/auth/sign-in (right password), 4 connections" -t2 -c4 -d"$DURATION" --latency \
		-s src/bench/sign-in.lua "$BASE/v1/auth/sign-in" -- "$EMAIL"
}

# Limits far above what the runs reach, so every request is counted and none refused.
HUGE=100000000
start --portcullis.rate-limit.enabled=true --portcullis.rate-limit.sign-in.per-ip="$HUGE/10s" \
	--portcullis.rate-limit.sign-in.per-account="$HUGE/10s" --portcullis.rate-limit.sign-up.per-ip="$HUGE/10s" \
	--portcullis.rate-limit.rules.bench.paths=/v1/auth/csrf --portcullis.rate-limit.rules.bench.per-ip="$HUGE/10s"
curl -fs "$BASE/v1/auth/sign-up" -H 'Content-Type: application/json' \
	-d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" > /dev/null
measure "limiter on"
echo "== limiter on: time per limiter call (script round trip, from portcullis.rate-limit.latency)"
curl -fs "$BASE/actuator/prometheus" | awk '/^portcullis_rate_limit_latency_seconds_count/ { c += $2 }
	/^portcullis_rate_limit_latency_seconds_sum/ { s += $2 } END { if (c) printf "mean %.3f ms over %d calls\n", 1000 * s / c, c }'
stop
start --portcullis.rate-limit.enabled=false
measure "limiter off"
