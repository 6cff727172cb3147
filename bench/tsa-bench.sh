#!/usr/bin/env bash
# The time-stamp authority and the signed-document verification service under load, per TSA key algorithm, in one
# run: our SigningKey's signing rate on one and two threads (the ceiling), then tokens/s and p99 at c=64 against the
# TSA in its own JVM (every token recorded in PostgreSQL before its reply), then POST /verify of a time-stamped CMS.
# Needs JAVA_HOME (21+); PostgreSQL comes from the test support.
# Usage: bench/tsa-bench.sh [seconds per pass] [algorithms ...]   (default: 20 EC_P256 GOST_UZ)
# TSA_BENCH_OPTS adds JVM options to the driver: -Dtsa.listener=tomcat sends the tokens to Tomcat's port instead of the
# Netty listener; -Dtsa.profile=DIR records both JVMs with JFR during the token pass (docs/tsa.md, "Throughput").
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:?set JAVA_HOME}/bin/java"
SECONDS_PER_PASS="${1:-20}"
shift || true
./mvnw -q package -pl bench,tsa -am -DskipTests
# shellcheck disable=SC2086
"$JAVA" -Xmx1g ${TSA_BENCH_OPTS:-} -cp bench/target/benchmarks.jar uz.eimzo.ca.bench.tsa.TsaBench \
  tsa/target/tsa-exec.jar "$SECONDS_PER_PASS" "$@" 2>&1 | grep -E '^(\||Machine)'
