#!/usr/bin/env bash
# OCSP at national scale: N certificates bulk-inserted (COPY), nonce-free requests uniform over all of them at c=64,
# first pass (distinct serials) and second pass, signed on first ask and pre-signed, the raw HTTP ceiling, the nonce
# rate and the two-thread P-256 signing rate in the same run, start-up and pre-signing time, heap/RSS, a sample checked
# for correctness; revocations under load on two responders; openssl ocsp -index on the same certificates.
# Needs JAVA_HOME (21+); PostgreSQL comes from the test support.
# Usage: bench/ocsp-scale-bench.sh [certificates ...]   (default: 10000 1000000)
# BENCH_OPTS passes -Dbench.xmx=8g (the responders' heap; 10,000,000 pre-signed want ~4 GB),
# -Dbench.modes=PRESIGNED (only that row), -Dbench.listener=netty|tomcat (where the passes go; default netty, the raw
# ceiling of both is measured either way) and -Dbench.driver=nio|threads (the load driver: one selector thread, default,
# or 64 blocking threads) and -Dbench.responder.jvm="…" (extra JVM options of the responders, e.g. a JFR recording)
# to the driver. Lines starting with # are progress, with the load average.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:?set JAVA_HOME}/bin/java"
if [ $# -eq 0 ]; then set -- 10000 1000000; fi
./mvnw -q package -pl bench,ocsp-responder -am -DskipTests
"$JAVA" -Xmx3g ${BENCH_OPTS:-} -cp bench/target/benchmarks.jar uz.eimzo.ca.bench.ocsp.OcspScaleBench \
  ocsp-responder/target/ocsp-responder-exec.jar "$@" 2>&1 | grep --line-buffered -E '^(\||#|Machine)'
