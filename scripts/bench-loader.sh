#!/usr/bin/env bash
# Benchmarks a generated loader as hosts run it (./loader, and java -jar loader.jar for comparison): start-to-exit
# wall time and peak memory (RSS) of `plan` (Debian's kernel and a 64 MiB initrd, against the qemu-1g profile) and of
# `status`, each the median of RUNS runs, beside sha256sum reading and hashing the same two files (the floor any
# loader that verifies its images has). Targets: status <= 1 s in a TCG guest, load <= 1.5x kexec-tools there (the
# end-to-end suite measures those); here, the numbers on a real CPU.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-9}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

kernel="$("$root/scripts/fetch-debian-kernel.sh" unsigned | cut -d' ' -f1)"
head -c $((64 << 20)) /dev/urandom > "$work/initrd.img"
cat > "$work/bench.kboot" <<SPEC
package bench

kernel debian {
    path "$kernel"
}

initrd initramfs {
    path "$work/initrd.img"
}

boot reboot {
    target linux
    load kexec_load
    kind default
    kernel debian
    initrd initramfs
    cmdline {
        "console=ttyS0 root=/dev/vda1 ro"
    }
}
SPEC
"$root/kbootc" compile "$work/bench.kboot" -o "$work/out" >/dev/null 2>&1
boot="$work/out/bench.reboot"
"$boot/loader" plan --memmap qemu-1g >/dev/null   # the first plan records the class-data archive
cat "$kernel" "$work/initrd.img" >/dev/null

# Median wall time (ms) and median peak RSS (MiB) of RUNS runs of a command; its exit status does not matter
# (status exits 1 on kernels built without kexec).
measure() {
  : > "$work/runs"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$work/time" >> "$work/runs"
  done
  local ms mib
  ms=$(awk '{ print int($1 * 1000) }' "$work/runs" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  mib=$(awk '{ print int($2 / 1024) }' "$work/runs" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  printf "%5d ms  %4d MiB" "$ms" "$mib"
}

echo "loader benchmark on $(nproc) cores, $(java -version 2>&1 | head -n 1), median of $runs runs"
floor=$(measure sha256sum "$kernel" "$work/initrd.img")
echo "  sha256sum kernel + initrd          $floor"
echo "  ./loader plan                      $(measure "$boot/loader" plan --memmap qemu-1g)"
echo "  java -jar loader.jar plan          $(measure java -jar "$boot/loader.jar" plan --memmap qemu-1g)"
echo "  ./loader status                    $(measure "$boot/loader" status)"
echo "  java -jar loader.jar status        $(measure java -jar "$boot/loader.jar" status)"
