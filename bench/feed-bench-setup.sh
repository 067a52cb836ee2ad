#!/usr/bin/env bash
# Installs what FeedHttpBenchmark needs besides Java and Maven: the wrk load generator and redis-server
# (the baseline). Debian packages; run as root. Not part of CI: benchmarks run by hand (docs/benchmarks.md).
set -euo pipefail
apt-get update -q
apt-get install -y -q wrk redis-server
# Debian's package may start a system redis-server on 6379; the benchmark runs its own on a free port.
