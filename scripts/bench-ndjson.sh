#!/usr/bin/env bash
# JMH: the cost `watch` adds per event, one event record written as NDJSON. Results go to target/jmh-ndjson.txt.
exec "$(dirname "$0")/jmh.sh" NdjsonBenchmark target/jmh-ndjson.txt "$@"
