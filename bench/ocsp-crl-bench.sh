#!/usr/bin/env bash
# OCSP throughput (ours vs openssl ocsp -index -multi 2 on the same certificates) and CRL generation at 100k/1M.
# Needs JAVA_HOME (21+) and openssl on PATH; PostgreSQL comes from the test support (EIMZO_TEST_JDBC_URL, Docker or
# embedded binaries). Usage: bench/ocsp-crl-bench.sh [seconds per OCSP run, default 5]
# BENCH_OPTS=-Dbench.driver=threads drives the OCSP runs with 64 blocking threads instead of one selector thread (nio).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:?set JAVA_HOME}/bin/java"
./mvnw -q package -pl bench,ocsp-responder -am -DskipTests
# shellcheck disable=SC2086
"$JAVA" ${BENCH_OPTS:-} -cp bench/target/benchmarks.jar uz.eimzo.ca.bench.ocsp.OcspBench ocsp-responder/target/ocsp-responder-exec.jar "${1:-5}" \
  2>&1 | grep -E '^(\||Machine|JCA|  )'
"$JAVA" -Xmx512m -cp bench/target/benchmarks.jar uz.eimzo.ca.bench.crl.CrlGenerationBench 100000 1000000 \
  2>&1 | grep -E '^(Machine|[0-9,]+ entries)'
