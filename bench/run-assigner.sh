#!/usr/bin/env bash
# Schedule-generation benchmark (issue 3, item 9). Not a test. Run from the repository root:
#
#   bench/run-assigner.sh                 # 79 and 1,000 people (about 2-3 minutes on 2 cores)
#   bench/run-assigner.sh --people 79,1000,5000
#   BENCH_PEOPLE=79,1000,5000 bench/run-assigner.sh
#   bench/run-assigner.sh --no-db         # assigner only: (a) and (d)
#   bench/run-assigner.sh --no-scaling    # skip (d)
#
# Other knobs: --runs N / BENCH_RUNS (timed runs of (a), default 5), --db-runs N / BENCH_DB_RUNS (timed runs of (b)
# and (c), default 5). The markdown table goes to stdout and to bench/target/latest.md. See docs/BENCHMARKS.md.
set -euo pipefail

cd "$(dirname "$0")/.."
out=bench/target
mkdir -p "$out/classes"

echo "Building the application classes and the runtime classpath ..." >&2
./mvnw -q -B -DskipTests compile dependency:build-classpath \
  -Dmdep.outputFile="$out/classpath.txt" -Dmdep.includeScope=runtime >&2

cp="target/classes:$(cat "$out/classpath.txt")"
javac -nowarn -d "$out/classes" -cp "$cp" bench/AssignerBench.java >&2

cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
mem_total=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
java_version=$(java -version 2>&1 | head -2 | tr '\n' ' ' | sed 's/ *$//')

{
  echo "## Schedule-generation benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "| machine | |"
  echo "|---|---|"
  echo "| cores (nproc) | $(nproc) |"
  echo "| CPU | ${cpu_model:-unknown} |"
  echo "| memory | $mem_total |"
  echo "| java | $java_version |"
  echo "| commit | $(git rev-parse --short HEAD 2>/dev/null || echo unknown) |"
  echo "| load average at start (1/5/15 min) | $(cut -d' ' -f1-3 /proc/loadavg) |"
  echo
} > "$out/header.md"

cat "$out/header.md"
# BENCH_JAVA_OPTS: extra JVM options, e.g. -XX:StartFlightRecording=filename=bench/target/run.jfr
# shellcheck disable=SC2086
java ${BENCH_JAVA_OPTS:-} -cp "$out/classes:$cp" AssignerBench --out "$out/figures.md" "$@"

cat "$out/header.md" "$out/figures.md" > "$out/latest.md"
echo "Load average at the end (1/5/15 min): $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/latest.md"
echo >&2
echo "Full table: $out/latest.md" >&2
