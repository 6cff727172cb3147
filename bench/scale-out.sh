#!/usr/bin/env bash
# Scale-out load test: one PostgreSQL, two CA/RA nodes and two OCSP responders as separate JVMs on this machine,
# issuance through the RA API and OCSP spread over them, one CA node and one responder killed (SIGKILL) half-way,
# then a correctness check. Writes bench/results/scale-out-<date>.md. Builds nothing: run
#   ./mvnw -q -DskipTests package
# first. Needs JAVA_HOME (21+) or java on PATH. Usage: bench/scale-out.sh [seconds of load, default 60] [OCSP requests/s offered, default 300; 0 = flat out] [warm-up s, default 30]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
RA_JAR="$(ls ra-web/target/ra-web-*-exec.jar 2>/dev/null | head -1 || true)"
RESPONDER_JAR=ocsp-responder/target/ocsp-responder-exec.jar
for jar in bench/target/benchmarks.jar "$RA_JAR" "$RESPONDER_JAR"; do
  if [ -z "$jar" ] || [ ! -f "$jar" ]; then
    echo "Missing ${jar:-ra-web/target/ra-web-*-exec.jar}: build first with ./mvnw -q -DskipTests package" >&2
    exit 1
  fi
done
exec "$JAVA" -Xmx512m -cp bench/target/benchmarks.jar uz.eimzo.ca.bench.scale.ScaleOut \
  "$RA_JAR" "$RESPONDER_JAR" "${1:-60}" "${2:-300}" "${3:-30}" bench/results
