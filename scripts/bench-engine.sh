#!/usr/bin/env bash
# Engine ingest on loopback: transport, okhttp-sse, ours, ours + NDJSON records, side by side in one JVM.
# Usage: scripts/bench-engine.sh [EVENTS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/test.classpath)" dev.ssemonitor.bench.EngineIngestBenchmark "$@"
