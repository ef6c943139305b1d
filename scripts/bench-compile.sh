#!/usr/bin/env bash
# Benchmarks `kbootc compile` and `kbootc review` as users run them (through ./kbootc, with its start-up flags and
# AppCDS archive):
#   1. one example, cold (a new JVM per run): RUNS runs, min / median / max wall time;
#   2. the bundled examples reviewed (7 boots: pages, summaries, the loader's dry runs), cold: RUNS runs;
#   3. 1,000 generated specs (one boot each, across 1,000 files) compiled in one run, and reviewed: SPECS_RUNS runs;
#   4. check of three kexec_load boots sharing a pinned 64 MiB initrd that is here (as in a repository of images, or
#      with --root): RUNS runs, beside sha256sum of the initrd (3 runs).
# Targets: <= 0.7 s cold for one spec, <= 10 s for 1,000 specs, on a 2-core machine.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-15}"
specs_runs="${SPECS_RUNS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/kbootc" --version >/dev/null   # builds kboot and the AppCDS archive if needed

# Wall time of a command in milliseconds.
millis() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

# min / median / max of the numbers on stdin.
summary() {
  sort -n | awk '{ v[NR] = $1 } END { printf "min %d ms, median %d ms, max %d ms (%d runs)\n", v[1], v[int((NR + 1) / 2)], v[NR], NR }'
}

echo "kbootc compile benchmark on $(nproc) cores, $(java -version 2>&1 | head -n 1)"

for i in $(seq "$runs"); do
  millis "$root/kbootc" compile "$root/examples/kdump.kboot" "$root/examples/debian-images.kboot" -o "$work/one-$i"
done | summary | sed 's/^/one spec, cold:    /'

for i in $(seq "$runs"); do
  millis "$root/kbootc" review "$root/examples" -o "$work/review-$i"
done | summary | sed 's/^/examples reviewed, cold: /'

mkdir -p "$work/specs"
for i in $(seq 1000); do
  cat > "$work/specs/spec$i.kboot" <<SPEC
package gen.s$i

kernel vmlinuz {
    path "/boot/vmlinuz-$i"
    digest "sha256:$(printf '%064x' "$i")"
}

initrd initramfs {
    path "/boot/initrd.img-$i"
}

boot reboot$i {
    target linux
    load kexec_load
    kind crash
    kernel vmlinuz
    initrd initramfs
    cmdline {
        "console=ttyS0,115200 root=/dev/vda1 ro"
    }
    append "nr_cpus=1 reset_devices irqpoll"
    crash {
        reservation 256M
    }
    purgatory {
        hash sha384
        registers {
            rdi = $i
        }
    }
    placement {
        memmap profile "qemu-1g"
    }
}
SPEC
done
for i in $(seq "$specs_runs"); do
  millis "$root/kbootc" compile "$work/specs" -o "$work/many-$i"
done | summary | sed 's/^/1,000 specs, one run: /'
test "$(find "$work/many-1" -name boot.json | wc -l)" -eq 1000 || { echo "bench: expected 1000 outputs" >&2; exit 1; }
for i in $(seq "$specs_runs"); do
  millis "$root/kbootc" review "$work/specs" -o "$work/reviews-$i"
done | summary | sed 's/^/1,000 specs reviewed, one run: /'
test "$(find "$work/reviews-1" -name '*.html' | wc -l)" -eq 1000 || { echo "bench: expected 1000 review pages" >&2; exit 1; }

# Images present: check plans each boot without hashing it and checks the pin once per version of the file.
head -c 64M /dev/urandom > "$work/initrd.img"
cat > "$work/pinned.kboot" <<SPEC
package bench

initrd big {
    path "initrd.img"
    digest "sha256:$(sha256sum "$work/initrd.img" | cut -d' ' -f1)"
}

kernel probe {
    path "kboot:probe"
}

boot a { target linux load kexec_load kernel probe initrd big placement { memmap profile "qemu-1g" } }
boot b extends a { cmdline { "console=ttyS1" } }
boot c extends a { cmdline { "console=ttyS2" } }
SPEC
"$root/kbootc" check "$work/pinned.kboot" >/dev/null 2>&1 || { echo "bench: the pinned spec does not check" >&2; exit 1; }
for i in $(seq "$runs"); do
  millis "$root/kbootc" check "$work/pinned.kboot"
done | summary | sed 's/^/3 boots, pinned 64 MiB initrd checked: /'
for i in $(seq 3); do
  millis sha256sum "$work/initrd.img"
done | summary | sed 's/^/sha256sum of that initrd: /'
