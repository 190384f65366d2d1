#!/usr/bin/env bash
# JMH: our parser against okhttp-sse's reader, side by side in one run. Results go to target/jmh-parser.txt.
exec "$(dirname "$0")/jmh.sh" ParserBenchmark target/jmh-parser.txt "$@"
