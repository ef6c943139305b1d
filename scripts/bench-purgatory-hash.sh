#!/usr/bin/env bash
# Compares the purgatory's digest speed with kexec-tools' purgatory SHA-256 on the host: fetches kexec-tools'
# source (apt-get source, from the Debian archives this machine's apt configuration names, with a private apt state),
# builds both with the purgatory's optimisation,
# and hashes the same 64 MiB. Target: kboot's SHA-256 faster than kexec-tools'. The purgatory uses the SHA extensions
# when the CPU has them and portable C otherwise; both are measured.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/apt/sources.list.d" "$work/apt/lists/partial" "$work/src"
# The source archives of this machine's own Debian package sources (deb822 stanzas signed by Debian's archive key,
# and one-line entries), as deb-src: wherever this machine gets its packages, it gets the source from there too.
shopt -s nullglob
for sources in /etc/apt/sources.list.d/*.sources; do
  awk 'BEGIN { RS = ""; ORS = "\n\n" } /debian-archive-keyring/ && /Types:[^\n]*deb/ {
         sub(/Types:[^\n]*/, "Types: deb-src"); print }' "$sources"
done > "$work/apt/sources.list.d/kboot-src.sources"
for list in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [ -f "$list" ] && awk '$1 == "deb" && /debian/ { $1 = "deb-src"; print }' "$list"
done > "$work/apt/sources.list.d/kboot-src.list"
if [ ! -s "$work/apt/sources.list.d/kboot-src.sources" ] && [ ! -s "$work/apt/sources.list.d/kboot-src.list" ]; then
  echo "bench-purgatory-hash: this machine's apt configuration names no Debian archive to take kexec-tools' source from" >&2
  exit 1
fi
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
