#!/usr/bin/env bash
#
# Builds kboot's purgatory with the system gcc and binutils: a position-independent executable linked into one
# segment, refused if it carries any relocation, flattened with objcopy. Writes to OUT:
#   purgatory.bin         the segment's bytes (what the loader copies)
#   purgatory.properties  its layout: memsz (with bss and stack), entry and stack-top offsets, table offset and size
#   kboot_table.h         the table's layout, for the generator to emit beside each boot's table
# and to HOST the host-compiled harnesses tests run (kboot-hash, kboot-table).
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
    -mno-red-zone -mgeneral-regs-only -mcmodel=small -I "$src")

for unit in entry.S purgatory.c sha2.c console.c; do
    gcc "${cflags[@]}" -c "$src/$unit" -o "$work/${unit%.*}.o"
done
ld -pie --no-dynamic-linker -z norelro -z noexecstack --no-undefined --no-warn-rwx-segments -T "$src/purgatory.lds" \
    -o "$work/purgatory.elf" "$work"/*.o

# The linker script asserts an empty .rela.dyn; check the whole file too.
if readelf -rW "$work/purgatory.elf" | grep -q "Relocation section"; then
    readelf -rW "$work/purgatory.elf" >&2
    echo "build.sh: the purgatory has relocations; it must run unchanged at any address" >&2
    exit 1
fi
loads=$(readelf -lW "$work/purgatory.elf" | awk '$1 == "LOAD"' | wc -l)
[[ $loads -eq 1 ]] || { echo "build.sh: the purgatory has $loads loadable segments, not 1" >&2; exit 1; }

symbol() { nm "$work/purgatory.elf" | awk -v name="$1" '$3 == name { print "0x" $1 }'; }
memsz=$(readelf -lW "$work/purgatory.elf" | awk '$1 == "LOAD" { print $6 }')
entry=$(symbol purgatory_start)
stack_top=$(symbol kboot_stack_top)
table=$(symbol kboot_table)
[[ $entry == 0x0000000000000000 ]] || { echo "build.sh: purgatory_start is at $entry, not at the segment's start" >&2; exit 1; }

objcopy -O binary "$work/purgatory.elf" "$out/purgatory.bin"
cat > "$out/purgatory.properties" <<PROPERTIES
# Layout of purgatory.bin, written by build.sh from the linked ELF.
memsz=$memsz
entry=$entry
stack_top=$stack_top
table=$table
table_size=$(awk '$2 == "KBOOT_TABLE_SIZE" { print $3 }' "$src/kboot_table.h")
PROPERTIES
cp "$src/kboot_table.h" "$out/kboot_table.h"

gcc -std=gnu11 -O2 -Wall -Wextra -Werror -I "$src" -o "$host/kboot-hash" "$src/hash_harness.c" "$src/sha2.c"
gcc -std=gnu11 -O2 -Wall -Wextra -Werror -I "$src" -o "$host/kboot-table" "$src/table_harness.c"
