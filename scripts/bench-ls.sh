#!/usr/bin/env bash
# Language-server latency as an editor sees it (stdio, the packaged jar with its class-data archive): start to
# initialize, didOpen to diagnostics, a one-character change to diagnostics on 1,000 lines, completion and hover.
# Targets: <= 100 ms diagnostics after a change, <= 50 ms completion.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q install -DskipTests >&2
cd org.kexec.dsl.ide
mvn -B -q test-compile exec:exec@ls-bench 2>&1 | grep -vE "^\[|^WARNING|^SLF4J"
