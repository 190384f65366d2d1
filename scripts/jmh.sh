#!/usr/bin/env bash
# Runs one JMH benchmark class of src/test/java/dev/ssemonitor/bench with the test classpath; results in text form.
# Usage: scripts/jmh.sh CLASS RESULT_FILE [JMH options...]   (the bench-*.sh scripts name their class and file)
set -euo pipefail
cd "$(dirname "$0")/.."
class=$1 result=$2
shift 2
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" org.openjdk.jmh.Main \
  "dev.ssemonitor.bench.$class" -rf text -rff "$result" "$@"
