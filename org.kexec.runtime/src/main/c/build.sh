#!/usr/bin/env bash
#
# Builds kboot's freestanding x86-64 code with the system gcc and binutils. Each program is a position-independent
# executable linked into one segment, refused if it carries any relocation, flattened with objcopy:
#   purgatory/  kboot's purgatory. Writes OUT/purgatory/purgatory.bin (the segment's bytes), purgatory.properties
#               (memsz with bss and stack, entry and stack-top offsets, table offset and size) and kboot_table.h
#               (the table's layout, which the generator emits beside each boot's table).
#   probe/      the probe payload, a bzImage that reports how it was booted: OUT/probe/kboot-probe.bzImage; and the
#               same probe as an ELF vmlinux with a PVH entry at physical 16 MiB: OUT/probe/kboot-probe.elf.
# HOST receives the host-compiled harnesses tests run (kboot-hash, kboot-table).
#
# Usage: build.sh OUT HOST
set -euo pipefail

src=$(cd "$(dirname "$0")" && pwd)
out=$1
host=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$host"

for tool in gcc ld objcopy readelf nm; do
    command -v "$tool" >/dev/null || { echo "build.sh: '$tool' not found: apt-get install gcc binutils" >&2; exit 1; }
done

cflags=(-std=gnu11 -O2 -Wall -Wextra -Werror -ffreestanding -nostdlib -fpie -fvisibility=hidden
    -fno-stack-protector -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-jump-tables -fcf-protection=none
    -mno-red-zone -mgeneral-regs-only -mcmodel=small -I "$src/purgatory")

# Compiles SOURCES and links them with LINKER_SCRIPT into ELF, refusing relocations and extra segments. Only
# sha256_shani.c may use SSE: the purgatory calls it after turning SSE on.
link() {
    local elf=$1 script=$2 objects=()
    shift 2
    for unit in "$@"; do
        local object="$work/$(basename "$elf" .elf)-$(basename "${unit%.*}").o" flags=("${cflags[@]}")
        if [[ $unit == */sha256_shani.c ]]; then
            flags=()
            for flag in "${cflags[@]}"; do
                [[ $flag == -mgeneral-regs-only ]] || flags+=("$flag")
            done
            flags+=(-mssse3 -msse4.1 -msha)
        fi
        gcc "${flags[@]}" -c "$src/$unit" -o "$object"
        objects+=("$object")
    done
    ld -pie --no-dynamic-linker -z norelro -z noexecstack --no-undefined --no-warn-rwx-segments -T "$src/$script" \
        -o "$elf" "${objects[@]}"
    # The linker script asserts an empty .rela.dyn; check the whole file too.
    if readelf -rW "$elf" | grep -q "Relocation section"; then
        readelf -rW "$elf" >&2
        echo "build.sh: $(basename "$elf") has relocations; it must run unchanged at any address" >&2
        exit 1
    fi
    local loads
    loads=$(readelf -lW "$elf" | awk '$1 == "LOAD"' | wc -l)
    [[ $loads -eq 1 ]] || { echo "build.sh: $(basename "$elf") has $loads loadable segments, not 1" >&2; exit 1; }
}
symbol() { nm "$1" | awk -v name="$2" '$3 == name { print "0x" $1 }'; }
memsz() { readelf -lW "$1" | awk '$1 == "LOAD" { print $6 }'; }

# The purgatory.
mkdir -p "$out/purgatory"
link "$work/purgatory.elf" purgatory/purgatory.lds purgatory/entry.S purgatory/purgatory.c purgatory/sha2.c \
    purgatory/sha256_shani.c purgatory/console.c purgatory/freestanding.c
entry=$(symbol "$work/purgatory.elf" purgatory_start)
[[ $entry == 0x0000000000000000 ]] || { echo "build.sh: purgatory_start is at $entry, not at the segment's start" >&2; exit 1; }
objcopy -O binary "$work/purgatory.elf" "$out/purgatory/purgatory.bin"
cat > "$out/purgatory/purgatory.properties" <<PROPERTIES
# Layout of purgatory.bin, written by build.sh from the linked ELF.
memsz=$(memsz "$work/purgatory.elf")
entry=$entry
stack_top=$(symbol "$work/purgatory.elf" kboot_stack_top)
table=$(symbol "$work/purgatory.elf" kboot_table)
table_size=$(awk '$2 == "KBOOT_TABLE_SIZE" { print $3 }' "$src/purgatory/kboot_table.h")
PROPERTIES
cp "$src/purgatory/kboot_table.h" "$out/purgatory/kboot_table.h"

# The probe: the real-mode part (setup header, init_size from the linked protected-mode part), then that part.
mkdir -p "$out/probe"
link "$work/probe.elf" probe/probe.lds probe/entry.S probe/probe.c purgatory/sha2.c purgatory/sha256_shani.c \
    purgatory/console.c purgatory/freestanding.c
entry=$(symbol "$work/probe.elf" probe_entry64)
[[ $entry == 0x0000000000000200 ]] || { echo "build.sh: the probe's 64-bit entry is at $entry, not 0x200" >&2; exit 1; }
objcopy -O binary "$work/probe.elf" "$work/probe-protected.bin"
gcc -c -DINIT_SIZE="$(memsz "$work/probe.elf")" "$src/probe/setup.S" -o "$work/setup.o"
objcopy -O binary -j .text "$work/setup.o" "$work/probe-setup.bin"
[[ $(stat -c %s "$work/probe-setup.bin") -eq 1024 ]] || { echo "build.sh: the probe's setup part is not 1024 bytes" >&2; exit 1; }
cat "$work/probe-setup.bin" "$work/probe-protected.bin" > "$out/probe/kboot-probe.bzImage"

# The probe as an ELF vmlinux: linked at its load address (the PVH entry runs with paging off, before it can compute
# where it is), so a static link, whose absolute addresses the linker resolves; still no relocation may remain.
pvh_objects=()
for unit in probe/pvh.S probe/entry.S probe/probe.c purgatory/sha2.c purgatory/console.c purgatory/freestanding.c; do
    gcc "${cflags[@]}" -c "$src/$unit" -o "$work/pvh-$(basename "${unit%.*}").o"
    pvh_objects+=("$work/pvh-$(basename "${unit%.*}").o")
done
sse_flags=()
for flag in "${cflags[@]}"; do
    [[ $flag == -mgeneral-regs-only ]] || sse_flags+=("$flag")
done
gcc "${sse_flags[@]}" -mssse3 -msse4.1 -msha -c "$src/purgatory/sha256_shani.c" -o "$work/pvh-sha256_shani.o"
ld -static -z noexecstack --no-undefined --no-warn-rwx-segments -T "$src/probe/pvh.lds" -o "$out/probe/kboot-probe.elf" \
    "${pvh_objects[@]}" "$work/pvh-sha256_shani.o"
if readelf -rW "$out/probe/kboot-probe.elf" | grep -q "Relocation section"; then
    echo "build.sh: kboot-probe.elf has relocations" >&2
    exit 1
fi
readelf -nW "$out/probe/kboot-probe.elf" | grep -q "Xen.*0x00000012\|Xen.*Unknown note type: (0x00000012)" \
    || { readelf -nW "$out/probe/kboot-probe.elf" >&2; echo "build.sh: kboot-probe.elf has no PVH note" >&2; exit 1; }

gcc -std=gnu11 -O2 -Wall -Wextra -Werror -mssse3 -msse4.1 -msha -I "$src/purgatory" -o "$host/kboot-hash" \
    "$src/purgatory/hash_harness.c" "$src/purgatory/sha2.c" "$src/purgatory/sha256_shani.c"
gcc -std=gnu11 -O2 -Wall -Wextra -Werror -I "$src/purgatory" -o "$host/kboot-table" "$src/purgatory/table_harness.c"
