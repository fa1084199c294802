#!/usr/bin/env bash
# A year of operation, simulated (docs/SIMULATION.md). Not a test: runs the real application (embedded PostgreSQL,
# Quartz, the seeded IMOC rotation) through simulated days with a seeded stream of time away, swaps, covers, joiners
# and leavers, checks the invariants after every day and writes the figures to docs/SIMULATION.md. Run from anywhere:
#
#   scripts/simulate.sh                          # a full year at 80 and at 1,000 people (long: see docs/SIMULATION.md)
#   scripts/simulate.sh --people 80              # one roster size
#   scripts/simulate.sh --people 80 --days 120   # a shorter period
#   scripts/simulate.sh --nodes 2                # the daily job and the day's requests alternate between two nodes
#   scripts/simulate.sh --seed 7 --out /tmp/sim.md
#
# SIM_JAVA_OPTS adds JVM options (e.g. -Xmx2g, or -XX:StartFlightRecording=filename=/tmp/sim.jfr,settings=profile).
# -Dimoc.simulation.digests=/tmp/digests-{people}.txt writes the daily schedule digests (compare two versions of the
# code: equal files, same decisions); -Dimoc.simulation.verify-rows=true checks the harness's incremental row reads. The short version runs in ./mvnw verify as YearSimulationTests.
set -euo pipefail

cd "$(dirname "$0")/.."
out=target/simulation
mkdir -p "$out"

echo "Building the application and test classes and the test classpath ..." >&2
./mvnw -q -B -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile="$out/classpath.txt" -Dmdep.includeScope=test >&2

# shellcheck disable=SC2086
exec java ${SIM_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat "$out/classpath.txt")" \
  com.example.imoc.simulation.SimulationMain "$@"
