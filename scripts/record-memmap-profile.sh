#!/usr/bin/env bash
#
# record-memmap-profile.sh - record a real memory map from a QEMU guest as a
# kboot "memory-map profile" (used for dry runs).
#
# Usage:
#   scripts/record-memmap-profile.sh MEMORY MACHINE CRASHKERNEL OUTPUT
#
#   MEMORY       guest RAM as given to QEMU's -m, e.g. 1G or 64G
#   MACHINE      QEMU machine type, e.g. pc or q35
#   CRASHKERNEL  value of the guest's crashkernel= parameter, e.g. 256M
#   OUTPUT       profile file to write, e.g. .../profiles/qemu-1g.iomem
#
# Example:
#   scripts/record-memmap-profile.sh 1G pc 256M \
#     org.kexec.runtime/src/main/resources/org/kexec/runtime/memory/profiles/qemu-1g.iomem
#
# What it does:
#   1. Resolves the current Debian amd64 kernel (the ABI package that
#      linux-image-amd64 depends on), downloads it with apt-get (the -unsigned
#      variant if there is one) and extracts boot/vmlinuz-*.  Both the .deb and
#      the extracted kernel are cached under ${XDG_CACHE_HOME:-$HOME/.cache}/kboot.
#   2. Builds a tiny initramfs: static busybox plus an /init that prints
#      /proc/iomem, /sys/firmware/memmap, /proc/cmdline and /proc/version
#      between marker lines on the serial console, then powers off.
#   3. Boots it in QEMU with TCG (never KVM: /dev/kvm on our build hosts is
#      not usable for stock kernels) under a timeout.
#   4. Writes OUTPUT: the verbatim guest /proc/iomem preceded by "# " comment
#      lines that describe how it was recorded.  Next to it, it writes the
#      firmware memory map (/sys/firmware/memmap, one "0xSTART 0xEND type" line
#      per entry) with the same header, as OUTPUT with .iomem replaced by
#      .memmap (or with .memmap appended if OUTPUT does not end in .iomem).
#
# Nothing is kexec'd or rebooted on the host; everything happens in the guest.
#
# Environment (all optional):
#   SMP             number of guest vCPUs (default 2)
#   BOOT_TIMEOUT    seconds before QEMU is killed (default 180)
#   KBOOT_CACHE_DIR kernel cache of fetch-debian-kernel.sh
#                   (default ${XDG_CACHE_HOME:-$HOME/.cache}/kboot)
#   KBOOT_WORK_DIR  scratch space for initramfs and serial logs
#                   (default /tmp/kboot-profile-work)
#
# Requires: qemu-system-x86 busybox-static cpio (apt-get install -y ...).

set -euo pipefail

readonly SCRIPT_NAME=${0##*/}

die() { echo "$SCRIPT_NAME: error: $*" >&2; exit 1; }
log() { echo "$SCRIPT_NAME: $*" >&2; }

usage() {
    sed -n '3,17p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# ---------------------------------------------------------------- arguments

[[ $# -eq 4 ]] || usage
mem=$1 machine=$2 crashkernel=$3 output=$4

[[ $mem =~ ^[0-9]+[MGT]?$ ]] || die "MEMORY must look like 1024, 1G or 64G, got '$mem'"
[[ $machine =~ ^[A-Za-z0-9._-]+$ ]] || die "bad MACHINE '$machine'"
[[ -n $crashkernel && $crashkernel != *[[:space:]]* ]] || die "bad CRASHKERNEL '$crashkernel'"
[[ -d $(dirname -- "$output") ]] || die "directory of OUTPUT does not exist: $output"

smp=${SMP:-2}
boot_timeout=${BOOT_TIMEOUT:-180}
work_root=${KBOOT_WORK_DIR:-/tmp/kboot-profile-work}

if [[ $output == *.iomem ]]; then
    memmap_output=${output%.iomem}.memmap
else
    memmap_output=$output.memmap
fi

for tool in qemu-system-x86_64 apt-get apt-cache dpkg-deb cpio gzip timeout sha256sum; do
    command -v "$tool" >/dev/null || die "'$tool' not found (apt-get install -y qemu-system-x86 busybox-static cpio)"
done

# busybox-static ships a statically linked /bin/busybox; the dynamic busybox
# package would not run inside an initramfs without its libraries.
busybox=/bin/busybox
dpkg -s busybox-static >/dev/null 2>&1 || die "busybox-static is not installed"
[[ -x $busybox ]] || die "$busybox missing"

mkdir -p "$work_root"
run_dir=$(mktemp -d "$work_root/run.XXXXXX")

# ---------------------------------------------------------------- kernel

# Debian's current unsigned kernel: its memory map is the signed one's, without a PE signature appended.
read -r kernel kernel_pkg kernel_ver _ < <("$(dirname -- "$0")/fetch-debian-kernel.sh" unsigned) \
    || die "cannot fetch the kernel"
kernel_sha256=$(sha256sum "$kernel" | cut -d' ' -f1)
log "kernel: $kernel_pkg $kernel_ver (${kernel##*/})"

# ---------------------------------------------------------------- initramfs

# The initramfs has no /dev/console of its own: the kernel's built-in
# initramfs provides it, and the external archive is unpacked on top.
rootfs=$run_dir/rootfs
mkdir -p "$rootfs/bin" "$rootfs/sbin" "$rootfs/usr/bin" "$rootfs/usr/sbin" "$rootfs/proc" "$rootfs/sys"
cp "$busybox" "$rootfs/bin/busybox"

cat >"$rootfs/init" <<'EOF'
#!/bin/busybox sh
# PID 1 of the memory-map recorder guest.  Prints the memory map between
# marker lines on the console (ttyS0), then powers the VM off.
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
# Keep kernel messages off the console so they cannot interleave with the dump.
dmesg -n 1

echo "==KBOOT-IOMEM-BEGIN=="
cat /proc/iomem
echo "==KBOOT-IOMEM-END=="

# /sys/firmware/memmap/N holds the firmware (E820) map as handed to the
# kernel, before the kernel's own changes.  Print "start end type" per entry.
echo "==KBOOT-MEMMAP-BEGIN=="
for n in $(ls /sys/firmware/memmap | sort -n); do
    d=/sys/firmware/memmap/$n
    echo "$(cat "$d/start") $(cat "$d/end") $(cat "$d/type")"
done
echo "==KBOOT-MEMMAP-END=="

echo "==KBOOT-CMDLINE-BEGIN=="
cat /proc/cmdline
echo "==KBOOT-CMDLINE-END=="

echo "==KBOOT-VERSION-BEGIN=="
cat /proc/version
echo "==KBOOT-VERSION-END=="

poweroff -f
EOF
chmod 0755 "$rootfs/init"

initrd=$run_dir/initrd.cpio.gz
(cd "$rootfs" && find . -print0 | cpio --null -o -H newc --quiet) | gzip -1 >"$initrd"

# ---------------------------------------------------------------- boot

guest_cmdline="console=ttyS0 panic=-1 crashkernel=$crashkernel"
# Guest RAM comes from an explicit memory backend with reserve=off
# (MAP_NORESERVE): QEMU allocates guest memory lazily anyway, but without it
# the host's heuristic overcommit check refuses a 64G guest on a smaller host
# ("cannot set up guest memory 'pc.ram'").  It does not change the guest's
# memory map.  -nic none: no host networking needed, and the map has no NIC
# BARs that depend on the QEMU defaults of the day.  -no-reboot turns the
# guest's poweroff (or a panic, via panic=-1) into a QEMU exit.
qemu_args=(-accel tcg -M "$machine,memory-backend=pc.ram" -m "$mem" -smp "$smp"
           -object "memory-backend-ram,id=pc.ram,size=$mem,reserve=off"
           -nographic -no-reboot -nic none -serial stdio -monitor none)
serial_log=$run_dir/serial.log

log "booting: qemu-system-x86_64 ${qemu_args[*]} -kernel ${kernel##*/} -initrd ${initrd##*/} -append '$guest_cmdline' (timeout ${boot_timeout}s)"
start_ns=$(date +%s%N)
qemu_rc=0
timeout "$boot_timeout" qemu-system-x86_64 "${qemu_args[@]}" \
    -kernel "$kernel" -initrd "$initrd" -append "$guest_cmdline" \
    </dev/null >"$serial_log" 2>&1 || qemu_rc=$?
end_ns=$(date +%s%N)
boot_ms=$(( (end_ns - start_ns) / 1000000 ))
log "QEMU exited with status $qemu_rc after $((boot_ms / 1000)).$(printf '%03d' $((boot_ms % 1000))) s; serial log: $serial_log"

# section NAME: the lines between ==KBOOT-NAME-BEGIN== and ==KBOOT-NAME-END==
# of the serial log, with the serial line's carriage returns removed.
section() {
    tr -d '\r' <"$serial_log" |
        awk -v b="==KBOOT-$1-BEGIN==" -v e="==KBOOT-$1-END==" \
            '$0 == e { exit } on { print } $0 == b { on = 1 }'
}

if ! tr -d '\r' <"$serial_log" | grep -qx '==KBOOT-VERSION-END=='; then
    tail -n 30 "$serial_log" >&2
    if [[ $qemu_rc -eq 124 ]]; then
        die "guest did not finish within ${boot_timeout}s (set BOOT_TIMEOUT to wait longer)"
    fi
    die "guest output is incomplete (QEMU status $qemu_rc)"
fi

iomem=$(section IOMEM)
memmap=$(section MEMMAP)
recorded_cmdline=$(section CMDLINE)
guest_version=$(section VERSION)
[[ -n $iomem ]] || die "empty /proc/iomem section in $serial_log"
[[ -n $memmap ]] || die "empty /sys/firmware/memmap section in $serial_log"

# ---------------------------------------------------------------- profile

qemu_version=$(qemu-system-x86_64 --version | head -n1)
machine_desc=$(qemu-system-x86_64 -machine help | awk -v m="$machine" '$1 == m { $1 = ""; sub(/^ +/, ""); print; exit }')

# header SOURCE: the "# " comment lines at the top of both profile files.
header() {
    cat <<EOF
# kboot memory-map profile: $1 of a QEMU guest, recorded verbatim.
# recorded-by: scripts/$SCRIPT_NAME $mem $machine $crashkernel ${output##*/}
# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)
# qemu: $qemu_version
# qemu-args: ${qemu_args[*]}
# machine: $machine${machine_desc:+ ($machine_desc)}
# memory: -m $mem
# smp: -smp $smp
# kernel: $kernel_pkg $kernel_ver (${kernel##*/}, sha256 $kernel_sha256)
# kernel-version: $guest_version
# guest-cmdline: $recorded_cmdline
EOF
}

# Write to temporary files first so that a failure never leaves half a profile.
{ header "/proc/iomem (read as root)"; printf '%s\n' "$iomem"; } >"$output.tmp"
{ header "/sys/firmware/memmap (0xSTART 0xEND type)"; printf '%s\n' "$memmap"; } >"$memmap_output.tmp"
mv "$output.tmp" "$output"
mv "$memmap_output.tmp" "$memmap_output"

log "wrote $output ($(wc -l <<<"$iomem") lines) and $memmap_output ($(wc -l <<<"$memmap") entries)"
