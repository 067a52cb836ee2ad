#!/usr/bin/env bash
# The pipeline benchmark of issue #7 in one command: builds the bench module (and what it needs) with the reactor,
# then runs io.newsflow.bench.pipeline.PipelineBenchmark from the repository root. Options are passed through:
#   bench/pipeline-bench.sh            # the full run (about 30-40 minutes on 2 cores), writes docs/pipeline-latency.png
#   bench/pipeline-bench.sh --quick    # a smoke run of every phase (a few minutes); numbers are not results
#   bench/pipeline-bench.sh --help
# Results: bench/target/pipeline-bench/ (results.md, results.json, results.csv, pipeline-latency.png, logs/, jfr/).
# Never runs `mvn install`. Offline first; drop to online Maven only if a dependency is missing locally.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  mvn -B -q -o -pl bench -am package -DskipTests || mvn -B -q -pl bench -am package -DskipTests
fi
exec java ${BENCH_JAVA_OPTS:--Xms1g -Xmx2g -XX:+UseG1GC} -cp bench/target/benchmarks.jar \
  io.newsflow.bench.pipeline.PipelineBenchmark "$@"
