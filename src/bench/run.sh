#!/usr/bin/env bash
# The benchmark: builds the jar, starts it against this machine's PostgreSQL and Redis (a
# throwaway database and Redis prefix), drives every hot path with wrk and, in the same
# run, measures the ceilings: a bare WebFlux app serving the same JWKS bytes, pgbench
# running the SQL of one rotation, and JMH (one Argon2id hash, one ES256 signature, one
# verification). Writes target/bench/results.md and target/bench/results.png.
#
#   bash src/bench/run.sh                 # DURATION=20s per scenario (any wrk duration)
#   SMOKE=1 bash src/bench/run.sh         # ~2 s per scenario, no JMH; fails on any error
#
# Needs: a JDK 17+, wrk, gnuplot (Debian gnuplot-nox), psql/pg_dump/pgbench, curl, and the
# local PostgreSQL (127.0.0.1:5432, user postgres, trust) and Redis (127.0.0.1:6379).
# Knobs: DURATION, WARMUP, CONNECTIONS (32), SIGN_IN_CONNECTIONS (8), PORT, BARE_PORT, MANAGEMENT_PORT,
# WRK_TIMEOUT, JAVA_FLAGS (default: the flags operations.md recommends for a 1 GB container), SKIP_BUILD=1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
OUT=target/bench
mkdir -p "$OUT"

SMOKE=${SMOKE:-0}
if [ "$SMOKE" = 1 ]; then
	DURATION=${DURATION:-2s}
	WARMUP=${WARMUP:-1s}
	# the smoke asserts answers, not timings: a slow answer on a busy CI box is no error
	WRK_TIMEOUT=${WRK_TIMEOUT:-60s}
else
	DURATION=${DURATION:-20s}
	WARMUP=${WARMUP:-5s}
	WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
fi
CONNECTIONS=${CONNECTIONS:-32}
SIGN_IN_CONNECTIONS=${SIGN_IN_CONNECTIONS:-8}
PORT=${PORT:-18080}
BARE_PORT=${BARE_PORT:-18081}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-18082}
PGHOST=${PGHOST:-127.0.0.1}
JAVA_FLAGS=${JAVA_FLAGS:--XX:MaxRAM=1g -XX:MaxRAMPercentage=75}
BASE=http://127.0.0.1:$PORT
DB=portcullis_bench_$RANDOM$RANDOM
SCRATCH=${DB}_pgbench
BACKEND_PORT=${BACKEND_PORT:-18090}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
CORES=$(nproc)

log() { printf '[bench] %s\n' "$*" >&2; }
seconds() { local d=$1; case $d in *ms) echo "0.${d%ms}" ;; *s) echo "${d%s}" ;; *m) echo $((${d%m} * 60)) ;; *) echo "$d" ;; esac; }

for tool in wrk gnuplot psql pg_dump pgbench curl java bc; do
	command -v "$tool" > /dev/null || { log "missing $tool (see the README's prerequisites)"; exit 2; }
done
[ -x "$NGINX" ] || { log "missing nginx (the backend of the routed scenario)"; exit 2; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
	log "building the jar"
	./mvnw -q -B -ntp -DskipTests package
fi
JAR=$(ls target/portcullis-*.jar | grep -v plain | head -1)
if [ ! -s "$OUT/test-classpath.txt" ] || [ pom.xml -nt "$OUT/test-classpath.txt" ]; then
	./mvnw -q -B -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/$OUT/test-classpath.txt"
fi
TEST_CP=target/test-classes:$(cat "$OUT/test-classpath.txt")

PIDS=()
cleanup() {
	for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
	for pid in "${PIDS[@]}"; do wait "$pid" 2> /dev/null || true; done
	[ -z "${BACKEND_DIR:-}" ] || rm -rf "$BACKEND_DIR"
	psql -h "$PGHOST" -U postgres -qc "drop database if exists $DB with (force)" 2> /dev/null || true
	psql -h "$PGHOST" -U postgres -qc "drop database if exists $SCRATCH with (force)" 2> /dev/null || true
	redis-cli -h 127.0.0.1 --scan --pattern "$DB*" 2> /dev/null | xargs -r redis-cli -h 127.0.0.1 del > /dev/null 2>&1 || true
}
trap cleanup EXIT

# ---------------------------------------------------------------- the gateway
psql -h "$PGHOST" -U postgres -qc "create database $DB"
# A backend for the routed scenario (and its ceiling: the same backend called directly).
BACKEND_DIR=$(mktemp -d)
sed -e "s|@PREFIX@|$BACKEND_DIR|g" -e "s|@PORT@|$BACKEND_PORT|g" src/bench/edge-backend.conf > "$BACKEND_DIR/nginx.conf"
"$NGINX" -p "$BACKEND_DIR" -e "$BACKEND_DIR/error.log" -c "$BACKEND_DIR/nginx.conf" -g 'daemon off;' &
PIDS+=("$!")
INTROSPECTION_CREDENTIALS=bench:bench-secret-$RANDOM$RANDOM
STARTED=$(date +%s.%N)
# shellcheck disable=SC2086
java $JAVA_FLAGS -XX:+FlightRecorder ${JFR:+-XX:StartFlightRecording=filename=$ROOT/$OUT/gateway.jfr,settings=profile} \
	-jar "$JAR" --server.port="$PORT" --portcullis.issuer="$BASE" \
	--spring.r2dbc.url="r2dbc:postgresql://$PGHOST:5432/$DB" --spring.r2dbc.username=postgres --spring.r2dbc.password= \
	--spring.data.redis.url=redis://127.0.0.1:6379 --portcullis.redis-prefix="$DB" \
	--portcullis.encryption.key="$(head -c 32 /dev/urandom | base64)" \
	--portcullis.introspection.clients="$INTROSPECTION_CREDENTIALS" \
	--portcullis.rate-limit.enabled=false --logging.level.portcullis.audit=WARN --portcullis.email.transport=log --management.endpoint.health.validate-group-membership=false \
	--management.server.port="$MANAGEMENT_PORT" \
	--portcullis.edge.routes.bench.path='/bench/**' --portcullis.edge.routes.bench.uri="http://127.0.0.1:$BACKEND_PORT" \
	> "$OUT/gateway.log" 2>&1 &
APP=$!
PIDS+=("$APP")
for _ in $(seq 1 600); do
	curl -fs "http://127.0.0.1:$MANAGEMENT_PORT/actuator/health/readiness" > /dev/null 2>&1 && break
	kill -0 "$APP" 2> /dev/null || { log "the gateway did not start:"; tail -30 "$OUT/gateway.log" >&2; exit 1; }
	sleep 0.1
done
STARTUP=$(echo "$(date +%s.%N) - $STARTED" | bc)
log "gateway ready after ${STARTUP}s"

json() { curl -fsS "$BASE$1" -H 'Content-Type: application/json' -d "$2"; }
EMAIL=bench-$RANDOM@example.com
json /v1/auth/sign-up "{\"email\":\"$EMAIL\",\"password\":\"correct horse battery staple\"}" > /dev/null
signin() { json /v1/auth/sign-in "{\"email\":\"$EMAIL\",\"password\":\"correct horse battery staple\",\"tokenDelivery\":\"body\"}"; }
ACCESS=$(signin | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
CHAINS=()
for _ in $(seq 1 "$CONNECTIONS"); do CHAINS+=("$(signin | sed -E 's/.*"refreshToken":"([^"]+)".*/\1/')"); done
curl -fsS "$BASE/.well-known/jwks.json" -o "$OUT/jwks.json"

# ---------------------------------------------------------------- the framework ceiling
java -XX:MaxRAM=1g -XX:MaxRAMPercentage=75 -cp "$TEST_CP" dev.portcullis.bench.BareWebFlux "$OUT/jwks.json" "$BARE_PORT" \
	> "$OUT/bare.log" 2>&1 &
BARE=$!
PIDS+=("$BARE")
for _ in $(seq 1 600); do
	curl -fs "http://127.0.0.1:$BARE_PORT/.well-known/jwks.json" > /dev/null 2>&1 && break
	kill -0 "$BARE" 2> /dev/null || { log "the bare app did not start:"; tail -30 "$OUT/bare.log" >&2; exit 1; }
	sleep 0.1
done
cmp -s "$OUT/jwks.json" <(curl -fs "http://127.0.0.1:$BARE_PORT/.well-known/jwks.json") \
	|| { log "the bare app does not serve the gateway's JWKS bytes"; exit 1; }

# ---------------------------------------------------------------- scenarios
RSS_MAX=0
sample_rss() {
	local rss
	rss=$(ps -o rss= -p "$APP" 2> /dev/null | tr -d ' ') || return 0
	[ -n "$rss" ] && [ "$rss" -gt "$RSS_MAX" ] && RSS_MAX=$rss
	return 0
}
: > "$OUT/scenarios.tsv"
FAILED=0
# scenario <name> <connections> <wrk arguments...>: one wrk run, one line in scenarios.tsv
scenario() {
	local name=$1 conns=$2 line requests secs p50 p99 socket status rps
	shift 2
	log "$name ($conns connections, $DURATION)"
	line=$(wrk --latency --timeout "$WRK_TIMEOUT" -d"$DURATION" "$@" 2> "$OUT/wrk-stderr.txt" | tee "$OUT/wrk-$name.txt" | grep '^RESULT' || true)
	sample_rss
	if [ -z "$line" ]; then
		log "  no result from wrk"
		FAILED=1
		printf '%s\t%s\t0\t0\t0\t0\t1\n' "$name" "$conns" >> "$OUT/scenarios.tsv"
		return
	fi
	read -r _ requests secs p50 p99 socket status <<< "$line"
	rps=$(echo "scale=1; $requests / $secs" | bc)
	if [ -s "$OUT/wrk-stderr.txt" ]; then head -3 "$OUT/wrk-stderr.txt" >&2; fi
	if [ "$socket" != 0 ] || [ "$status" != 0 ] || [ "$requests" = 0 ] || [ -s "$OUT/wrk-stderr.txt" ]; then FAILED=1; fi
	log "  $rps req/s, p50 $p50 ms, p99 $p99 ms, socket errors $socket, non-2xx $status"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$conns" "$rps" "$p50" "$p99" "$socket" "$status" >> "$OUT/scenarios.tsv"
}
REPORT=(-s src/bench/report.lua)
AUTH=(-H "Authorization: Bearer $ACCESS")
T=2
[ "$CONNECTIONS" -lt 2 ] && T=1

log "warming up ($WARMUP per path)"
wrk -t2 -c16 -d"$WARMUP" "http://127.0.0.1:$BARE_PORT/.well-known/jwks.json" > /dev/null
wrk -t2 -c16 -d"$WARMUP" "$BASE/.well-known/jwks.json" > /dev/null
wrk -t2 -c16 -d"$WARMUP" "${AUTH[@]}" "$BASE/v1/auth/session" > /dev/null
wrk -t2 -c16 -d"$WARMUP" "${AUTH[@]}" "$BASE/v1/auth/sessions" > /dev/null

scenario bare-jwks "$CONNECTIONS" -t$T -c"$CONNECTIONS" "${REPORT[@]}" "http://127.0.0.1:$BARE_PORT/.well-known/jwks.json"
kill "$BARE" 2> /dev/null || true
scenario jwks "$CONNECTIONS" -t$T -c"$CONNECTIONS" "${REPORT[@]}" "$BASE/.well-known/jwks.json"
scenario session "$CONNECTIONS" -t$T -c"$CONNECTIONS" "${REPORT[@]}" "${AUTH[@]}" "$BASE/v1/auth/session"
EDGE=$(curl -s -o /dev/null -w '%{http_code}' "${AUTH[@]}" "$BASE/v1/edge/verify")
if [ "${EDGE:0:1}" = 2 ]; then
	scenario edge-verify "$CONNECTIONS" -t$T -c"$CONNECTIONS" "${REPORT[@]}" "${AUTH[@]}" "$BASE/v1/edge/verify"
else
	log "no /v1/edge/verify in this build (HTTP $EDGE): forward-auth scenario skipped"
fi
scenario routed "$CONNECTIONS" -t$T -c"$CONNECTIONS" "${REPORT[@]}" "${AUTH[@]}" "$BASE/bench/hello"
scenario backend-direct "$CONNECTIONS" -t$T -c"$CONNECTIONS" "${REPORT[@]}" "${AUTH[@]}" "http://127.0.0.1:$BACKEND_PORT/bench/hello"
scenario sessions "$CONNECTIONS" -t$T -c"$CONNECTIONS" "${REPORT[@]}" "${AUTH[@]}" "$BASE/v1/auth/sessions"
scenario introspect "$CONNECTIONS" -t$T -c"$CONNECTIONS" -s src/bench/introspect.lua "$BASE/v1/tokens/introspect" \
	-- "$(printf '%s' "$INTROSPECTION_CREDENTIALS" | base64 -w0)" "$ACCESS"
scenario refresh "$CONNECTIONS" -t"$CONNECTIONS" -c"$CONNECTIONS" -s src/bench/refresh.lua "$BASE" -- "${CHAINS[@]}"
REUSE=$(psql -h "$PGHOST" -U postgres -d "$DB" -Atc "select count(*) from security_events where type = 'refresh_token.reuse_detected'" 2> /dev/null || echo "?")
[ "$REUSE" = 0 ] || { log "refresh: $REUSE reuse detections"; FAILED=1; }
scenario sign-in "$SIGN_IN_CONNECTIONS" -t$T -c"$SIGN_IN_CONNECTIONS" -s src/bench/sign-in.lua "$BASE/v1/auth/sign-in" -- "$EMAIL"
# Session checks while sign-ins run beside them: the sign-in load in the background.
wrk --timeout "$WRK_TIMEOUT" -t1 -c"$SIGN_IN_CONNECTIONS" -d"$(($(seconds "$DURATION" | cut -d. -f1) + 2))s" --latency -s src/bench/sign-in.lua \
	"$BASE/v1/auth/sign-in" -- "$EMAIL" > "$OUT/wrk-sign-in-beside.txt" 2>&1 &
BESIDE=$!
sleep 1
scenario session-beside-sign-in "$CONNECTIONS" -t1 -c"$CONNECTIONS" "${REPORT[@]}" "${AUTH[@]}" "$BASE/v1/auth/session"
wait "$BESIDE" || true
read -r _ r s _ _ e st <<< "$(grep '^RESULT' "$OUT/wrk-sign-in-beside.txt" || echo 'RESULT 0 1 0 0 1 1')"
log "  (sign-ins beside: $(echo "scale=1; $r / $s" | bc) req/s, socket errors $e, non-2xx $st)"
[ "$e" = 0 ] && [ "$st" = 0 ] || FAILED=1
SIGNIN_BESIDE=$(echo "scale=1; $r / $s" | bc)
sample_rss
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- the rotation ceiling
log "pgbench: the rotation's SQL, $CONNECTIONS clients, $DURATION"
psql -h "$PGHOST" -U postgres -qc "create database $SCRATCH"
pg_dump -h "$PGHOST" -U postgres -s "$DB" | psql -h "$PGHOST" -U postgres -q -d "$SCRATCH" > /dev/null
psql -h "$PGHOST" -U postgres -q -d "$SCRATCH" -v clients="$CONNECTIONS" -f src/bench/rotation-seed.sql > /dev/null
SYNC=$(psql -h "$PGHOST" -U postgres -d "$SCRATCH" -Atc "show synchronous_commit")
kill "$APP" 2> /dev/null || true # the gateway's CPU is not the database's
wait "$APP" 2> /dev/null || true
PGBENCH_OUT=$(pgbench -h "$PGHOST" -U postgres -n -M prepared -c "$CONNECTIONS" -j 2 -T "$(seconds "$DURATION" | cut -d. -f1)" \
	-D gen=0 -f src/bench/rotation.pgbench "$SCRATCH" 2>&1) || { echo "$PGBENCH_OUT" >&2; FAILED=1; }
echo "$PGBENCH_OUT" > "$OUT/pgbench.txt"
PG_TPS=$(echo "$PGBENCH_OUT" | sed -nE 's/^tps = ([0-9]+(\.[0-9])?).*/\1/p' | head -1)
PG_LAT=$(echo "$PGBENCH_OUT" | sed -nE 's/^latency average = ([0-9.]+) ms/\1/p')
PG_FAILED=$(echo "$PGBENCH_OUT" | sed -nE 's/^number of failed transactions: ([0-9]+).*/\1/p')
[ "${PG_FAILED:-0}" = 0 ] && [ -n "$PG_TPS" ] || FAILED=1
log "  $PG_TPS tps (synchronous_commit=$SYNC), latency average $PG_LAT ms"

# ---------------------------------------------------------------- the CPU ceilings (JMH)
HASH_US="" SIGN_US="" SIGN_REUSED_US="" VERIFY_US=""
if [ "$SMOKE" != 1 ]; then
	log "JMH: Argon2id hash, ES256 signature, verification"
	JMH_CP=$OUT/jmh-libs
	if [ ! -s "$JMH_CP/jmh-core-1.37.jar" ]; then
		for a in org.openjdk.jmh:jmh-core:1.37 org.openjdk.jmh:jmh-generator-annprocess:1.37 \
			net.sf.jopt-simple:jopt-simple:5.0.4 org.apache.commons:commons-math3:3.6.1; do
			./mvnw -q -B -ntp dependency:copy -Dartifact="$a" -DoutputDirectory="$ROOT/$JMH_CP"
		done
	fi
	rm -rf "$OUT/jmh-classes" && mkdir -p "$OUT/jmh-classes"
	CP=$TEST_CP:$(ls "$JMH_CP"/*.jar | tr '\n' ':')
	javac -proc:full -cp "$CP" -d "$OUT/jmh-classes" $(find src/bench/jmh -name '*.java') 2> "$OUT/jmh-javac.txt" \
		|| javac -cp "$CP" -d "$OUT/jmh-classes" $(find src/bench/jmh -name '*.java')
	java -cp "$OUT/jmh-classes:$CP" org.openjdk.jmh.Main -f 1 -wi 2 -w 2s -i 3 -r 3s -t 1 \
		-rf json -rff "$OUT/jmh.json" CryptoBenchmarks > "$OUT/jmh.txt" 2>&1 || { tail -20 "$OUT/jmh.txt" >&2; FAILED=1; }
	jmh() { grep -E "CryptoBenchmarks\.$1 " "$OUT/jmh.txt" | awk '{print $(NF-3)}'; }
	HASH_US=$(jmh argon2Hash) SIGN_US=$(jmh signWithNewSigner) SIGN_REUSED_US=$(jmh signWithReusedSigner) VERIFY_US=$(jmh verify)
	log "  hash $HASH_US µs, sign $SIGN_US µs (reused signer $SIGN_REUSED_US µs), verify $VERIFY_US µs"
fi

# ---------------------------------------------------------------- results
col() { awk -F'\t' -v n="$1" -v c="$2" '$1 == n { print $c }' "$OUT/scenarios.tsv"; }
ratio() { [ -n "$1" ] && [ -n "$2" ] && [ "$2" != 0 ] && echo "$(echo "scale=0; 100 * $1 / $2" | bc) %" || echo "–"; }
BARE_RPS=$(col bare-jwks 3)
SIGNIN_CEILING=""
[ -n "$HASH_US" ] && SIGNIN_CEILING=$(echo "scale=1; $CORES * 1000000 / $HASH_US" | bc)
ceiling() {
	case $1 in
	jwks | session | edge-verify | sessions | introspect | session-beside-sign-in) echo "$BARE_RPS" ;;
	routed) col backend-direct 3 ;;
	refresh) echo "$PG_TPS" ;;
	sign-in) echo "$SIGNIN_CEILING" ;;
	esac
}
{
	echo "# Benchmark run of $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo
	echo "Commit $(git rev-parse --short HEAD 2> /dev/null || echo '?'), $CORES cores, $(java -version 2>&1 | head -1)," \
		"wrk on the same machine. $DURATION per scenario after a $WARMUP warm-up." \
		"Load average at the end of the wrk scenarios: **$LOAD**. Gateway flags: \`$JAVA_FLAGS\`."
	echo
	echo "| scenario | connections | req/s | p50 ms | p99 ms | socket errors | non-2xx | ceiling | ratio |"
	echo "|---|---|---|---|---|---|---|---|---|"
	while IFS=$'\t' read -r name conns rps p50 p99 socket status; do
		c=$(ceiling "$name")
		echo "| $name | $conns | $rps | $p50 | $p99 | $socket | $status | ${c:-–} | $(ratio "$rps" "$c") |"
	done < "$OUT/scenarios.tsv"
	echo
	echo "Ceilings measured in this run:"
	echo
	echo "- framework: bare WebFlux serving the same JWKS bytes: **$BARE_RPS req/s** (the \`bare-jwks\` row)"
	echo "- routed: the same nginx backend called directly (the \`backend-direct\` row) is the ceiling of \`routed\`"
	echo "- rotation: pgbench, the rotation's SQL (\`src/bench/rotation.pgbench\`), $CONNECTIONS clients," \
		"synchronous_commit=$SYNC: **${PG_TPS:-?} tps**, latency average ${PG_LAT:-?} ms"
	if [ -n "$HASH_US" ]; then
		echo "- JMH (one thread): Argon2id hash **$HASH_US µs** (so $CORES cores ÷ one hash = **$SIGNIN_CEILING sign-ins/s**)," \
			"ES256 signature $SIGN_US µs with a signer per token, $SIGN_REUSED_US µs with a reused signer, verification $VERIFY_US µs"
	fi
	echo
	echo "Beside the \`session-beside-sign-in\` row, sign-ins ran at $SIGNIN_BESIDE req/s."
	echo "Refresh reuse detections during the run: $REUSE."
	echo "Gateway: ready ${STARTUP} s after \`java -jar\`; resident memory peak (sampled after each scenario): $((RSS_MAX / 1024)) MiB."
} > "$OUT/results.md"

awk -F'\t' '{ print $1, $3, $5 }' "$OUT/scenarios.tsv" > "$OUT/plot.dat"
gnuplot <<- EOF
	set terminal png size 1200,800 noenhanced
	set output "$OUT/results.png"
	set multiplot layout 2,1 title "Portcullis benchmark, load average $LOAD"
	set style data histograms
	set style fill solid 0.8
	set boxwidth 0.8
	set xtics rotate by -20
	set grid ytics
	set ylabel "requests/s"
	plot "$OUT/plot.dat" using 2:xtic(1) title "throughput" lc rgb "#3060c0"
	set ylabel "p99 ms"
	set logscale y
	plot "$OUT/plot.dat" using 3:xtic(1) title "p99 latency" lc rgb "#c04030"
	unset multiplot
EOF

cat "$OUT/results.md"
if [ "$FAILED" != 0 ]; then
	log "FAILED: a scenario had errors or non-2xx answers (see $OUT/)"
	exit 1
fi
log "OK: every scenario answered without errors; results in $OUT/results.md and $OUT/results.png"
