#!/usr/bin/env bash
# JMH: our parser against okhttp-sse's reader, side by side in one run. Results go to target/jmh-parser.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" org.openjdk.jmh.Main \
  'dev.ssemonitor.bench.ParserBenchmark' -rf text -rff target/jmh-parser.txt "$@"
