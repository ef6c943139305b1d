#!/usr/bin/env bash
# Compares the purgatory's digest speed with kexec-tools' purgatory SHA-256 on the host: fetches kexec-tools'
# source from Debian (apt-get source, with a private apt state), builds both with the purgatory's optimisation,
# and hashes the same 64 MiB. Target: kboot's SHA-256 faster than kexec-tools'. The purgatory uses the SHA extensions
# when the CPU has them and portable C otherwise; both are measured.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/apt/sources.list.d" "$work/apt/lists/partial" "$work/src"
cat > "$work/apt/sources.list.d/kboot-src.sources" <<SOURCES
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
apt=(apt-get -qq -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$work/apt/sources.list.d"
     -o Dir::State::Lists="$work/apt/lists" -o APT::Sandbox::User=root)
"${apt[@]}" update >&2
(cd "$work/src" && "${apt[@]}" source --download-only kexec-tools >&2)
tar -xf "$work"/src/kexec-tools_*.orig.tar.xz -C "$work/src"
kt=$(compgen -G "$work/src/kexec-tools-*" | head -n1)
echo "kexec-tools: $(basename "$kt")"

rename=(-Dsha256_starts=kt_sha256_starts -Dsha256_update=kt_sha256_update -Dsha256_finish=kt_sha256_finish
        -Dsha256_process=kt_sha256_process)
gcc -O2 -c "${rename[@]}" -I "$kt/util_lib/include" "$kt/util_lib/sha256.c" -o "$work/kt_sha256.o"
purgatory="$root/org.kexec.runtime/src/main/c/purgatory"
gcc -O2 -mssse3 -msse4.1 -msha -I "$purgatory" -I "$kt/util_lib/include" "$root/scripts/bench/purgatory_hash_bench.c" \
    "$purgatory/sha2.c" "$purgatory/sha256_shani.c" "$work/kt_sha256.o" -o "$work/bench"
"$work/bench"
