#!/usr/bin/env bash
# JMH: the cost `watch` adds per event, one event record written as NDJSON. Results go to target/jmh-ndjson.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" org.openjdk.jmh.Main \
  'dev.ssemonitor.bench.NdjsonBenchmark' -rf text -rff target/jmh-ndjson.txt "$@"
