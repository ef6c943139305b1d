#!/usr/bin/env bash
#
# fuzz.sh - run every Jazzer fuzz target in fuzzing mode, each for the time its @FuzzTest allows.
#
# Usage:
#   scripts/fuzz.sh [Class#method ...]     (default: all targets below)
#
# `mvn verify` replays each target's committed corpus (src/test/resources/**/<Class>Inputs/<method>/) as
# regression tests; this script fuzzes for new inputs. Inputs that grow coverage land in .cifuzz-corpus/ (not
# committed; copy the ones worth keeping into the Inputs folder); a crash is written to the Inputs folder, where
# it stays as a regression test, and fails the run. Prints one line per target: executions, coverage, corpus.
# Expects the modules installed (mvn install -DskipTests) so each target's module can be run alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    targets=(
        org.kexec.runtime:BzImageFuzzTest#bzImage
        org.kexec.runtime:BzImageFuzzTest#bootParamsTemplate
        org.kexec.runtime:ElfImageFuzzTest#elf
        org.kexec.runtime:KernelFileFuzzTest#kernelFile
        org.kexec.runtime:KernelFileFuzzTest#payload
        org.kexec.runtime:AuthenticodeFuzzTest#image
        org.kexec.runtime:AuthenticodeFuzzTest#signedData
        org.kexec.runtime:MemoryMapFuzzTest#iomem
        org.kexec.runtime:MemoryMapFuzzTest#sysfsMemmap
        org.kexec.dsl:SpecFuzzTest#spec
    )
fi
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
failed=0
for target in "${targets[@]}"; do
    module=${target%%:*}
    test=${target#*:}
    log=$logs/${test//#/.}.log
    if JAZZER_FUZZ=1 mvn -B -o -q surefire:test -pl "$module" -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
        > "$log" 2>&1; then
        verdict=ok
    else
        verdict=FINDING
        failed=1
    fi
    done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n1 || true)
    printf '%-40s %-8s %s\n' "$test" "$verdict" "${done_line:-no libFuzzer summary (see below)}"
    if [[ $verdict != ok ]]; then
        grep -E 'FuzzTestFinding|Exception|Error' "$log" | head -n 20 >&2 || true
    fi
done
exit $failed
