#!/usr/bin/env bash
# The window headless under the stub's flood: ingest rate, exact counters, FX frame times, heap per row.
# Usage: scripts/bench-gui.sh [RATE] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/test.classpath)" dev.ssemonitor.bench.GuiFloodBenchmark "$@"
