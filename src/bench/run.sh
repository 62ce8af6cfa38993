#!/usr/bin/env bash
# Load measurement of the hot paths against a locally built jar, on this machine's
# PostgreSQL and Redis (a throwaway database and Redis prefix). Needs wrk.
#   bash src/bench/run.sh            # results on stdout; copy them into docs/performance.md
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
PORT=${PORT:-18080}
DURATION=${DURATION:-20s}
DB=portcullis_bench_$RANDOM$RANDOM
BASE=http://127.0.0.1:$PORT
PGHOST=${PGHOST:-127.0.0.1}
BACKEND_PORT=${BACKEND_PORT:-18090}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

./mvnw -q -B -ntp -DskipTests package
JAR=$(ls target/portcullis-*.jar | grep -v plain | head -1)
psql -h "$PGHOST" -U postgres -qc "create database $DB"
# A backend for the edge figures (forward auth, a route, the same backend called directly).
BACKEND_DIR=$(mktemp -d)
sed -e "s|@PREFIX@|$BACKEND_DIR|g" -e "s|@PORT@|$BACKEND_PORT|g" src/bench/edge-backend.conf > "$BACKEND_DIR/nginx.conf"
"$NGINX" -p "$BACKEND_DIR" -e "$BACKEND_DIR/error.log" -c "$BACKEND_DIR/nginx.conf" -g 'daemon off;' &
BACKEND=$!
java -Xms512m -Xmx512m -jar "$JAR" --server.port="$PORT" --portcullis.issuer="$BASE" \
	--spring.r2dbc.url="r2dbc:postgresql://$PGHOST:5432/$DB" --spring.r2dbc.username=postgres --spring.r2dbc.password= \
	--spring.data.redis.url=redis://127.0.0.1:6379 --portcullis.redis-prefix="$DB" \
	--portcullis.encryption.key="$(head -c 32 /dev/urandom | base64)" \
	--portcullis.rate-limit.enabled=false --logging.level.portcullis.audit=WARN \
	--portcullis.edge.routes.bench.path='/bench/**' --portcullis.edge.routes.bench.uri="http://127.0.0.1:$BACKEND_PORT" \
	> /tmp/portcullis-bench.log 2>&1 &
APP=$!
trap 'kill $APP $BACKEND 2>/dev/null; wait $APP $BACKEND 2>/dev/null; rm -rf "$BACKEND_DIR"; psql -h "$PGHOST" -U postgres -qc "drop database if exists $DB with (force)"' EXIT
for _ in $(seq 1 120); do curl -fs "$BASE/actuator/health/readiness" > /dev/null && break; sleep 1; done

json() { curl -fs "$BASE$1" -H 'Content-Type: application/json' -d "$2"; }
EMAIL=bench-$RANDOM@example.com
json /v1/auth/sign-up "{\"email\":\"$EMAIL\",\"password\":\"correct horse battery staple\"}" > /dev/null
signin() { json /v1/auth/sign-in "{\"email\":\"$EMAIL\",\"password\":\"correct horse battery staple\",\"tokenDelivery\":\"body\"}"; }
ACCESS=$(signin | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
CHAINS=()
for _ in 1 2 3 4; do CHAINS+=("$(signin | sed -E 's/.*"refreshToken":"([^"]+)".*/\1/')"); done

# Warm up the JIT on every path first.
wrk -t2 -c16 -d5s -H "Authorization: Bearer $ACCESS" "$BASE/v1/auth/session" > /dev/null
echo "== GET /v1/auth/session (JWT verification + session check), 32 connections"
wrk -t2 -c32 -d"$DURATION" --latency -H "Authorization: Bearer $ACCESS" "$BASE/v1/auth/session"
echo "== POST /v1/auth/refresh (rotation: one UPDATE + history insert, then an access token), 4 chains"
wrk -t4 -c4 -d"$DURATION" --latency -s src/bench/refresh.lua "$BASE" -- "${CHAINS[@]}"
echo "== GET /.well-known/jwks.json, 32 connections"
wrk -t2 -c32 -d"$DURATION" --latency "$BASE/.well-known/jwks.json"
echo "== POST /v1/auth/sign-in (Argon2id verification), 8 connections"
wrk -t2 -c8 -d"$DURATION" --latency -s src/bench/sign-in.lua "$BASE/v1/auth/sign-in" -- "$EMAIL"
echo "== GET /v1/edge/verify (forward auth: the same check as /v1/auth/session, no body), 32 connections"
wrk -t2 -c32 -d"$DURATION" --latency -s src/bench/bearer.lua "$BASE/v1/edge/verify" -- "$ACCESS"
echo "== GET /bench/hello routed through the gateway (auth required, token relayed) to nginx, 32 connections"
wrk -t2 -c32 -d"$DURATION" --latency -s src/bench/bearer.lua "$BASE/bench/hello" -- "$ACCESS"
echo "== GET /bench/hello directly on the same nginx backend, 32 connections"
wrk -t2 -c32 -d"$DURATION" --latency -s src/bench/bearer.lua "http://127.0.0.1:$BACKEND_PORT/bench/hello" -- "$ACCESS"
