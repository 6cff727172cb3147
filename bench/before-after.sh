#!/usr/bin/env bash
# The issuance, OCSP and CRL benchmarks of two commits, built side by side and run alternately in one run on one
# machine, so a refactoring can show it did not make the CA slower. Needs JAVA_HOME (21+) and openssl on PATH.
# Usage: bench/before-after.sh <before-commit> [after-commit, default HEAD] [seconds per OCSP run, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:?set JAVA_HOME}/bin/java"
BEFORE="${1:?before commit}"; AFTER="${2:-HEAD}"; SECONDS_PER_RUN="${3:-5}"
WORK="$(mktemp -d)"
trap 'git worktree remove --force "$WORK/before" >/dev/null 2>&1 || true; git worktree remove --force "$WORK/after" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

build() { # commit directory
  git worktree add --detach -q "$2" "$1"
  (cd "$2" && ./mvnw -q -o package -pl bench,ocsp-responder -am -DskipTests) || (cd "$2" && ./mvnw -q package -pl bench,ocsp-responder -am -DskipTests)
}
build "$BEFORE" "$WORK/before"
build "$AFTER" "$WORK/after"

run() { # label directory
  local dir="$2"
  echo "## $1 ($(git -C "$dir" rev-parse --short HEAD))"
  "$JAVA" -jar "$dir/bench/target/benchmarks.jar" IssuanceBenchmark.issueFromCsrTwoThreads -p caKey=EC_P256 -wi 1 -w 3 -i 3 -r 5 -f 1 2>&1 \
    | grep -E '^IssuanceBenchmark|^Benchmark' || true
  "$JAVA" -cp "$dir/bench/target/benchmarks.jar" uz.eimzo.ca.bench.ocsp.OcspBench \
    "$dir/ocsp-responder/target/ocsp-responder-exec.jar" "$SECONDS_PER_RUN" 2>&1 | grep -E '^\|' || true
  "$JAVA" -Xmx512m -cp "$dir/bench/target/benchmarks.jar" uz.eimzo.ca.bench.crl.CrlGenerationBench 100000 2>&1 \
    | grep -E '^[0-9,]+ entries' || true
}
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("$JAVA" -version 2>&1 | head -1)"
for round in 1 2; do
  run "before, round $round" "$WORK/before"
  run "after, round $round" "$WORK/after"
done
