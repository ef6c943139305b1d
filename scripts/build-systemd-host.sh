#!/usr/bin/env bash
# build-systemd-host.sh - a Debian 12 host with systemd as init and kboot installed, as a disk image for QEMU.
#
# Usage: scripts/build-systemd-host.sh OUT_DIR KBOOT_DEB BOOTS_DIR EXTRA_DIR
#
#   OUT_DIR    receives root.img (ext4, the root file system) and the image's own vmlinuz and initrd.img to boot it
#   KBOOT_DEB  kboot's package, installed with apt as users install it
#   BOOTS_DIR  boots compiled by kbootc (OUT/<boot> folders), installed with `kboot install`, which enables their units
#   EXTRA_DIR  copied over the root file system (a scenario's own units and scripts)
#
# The host has a persistent journal, initramfs-tools set to MODULES=dep (so a kernel installed in the guest gets its
# initramfs quickly), and Debian's cloud kernel package staged in /root/staged, not installed. mmdebstrap takes the
# machine's apt configuration; the build runs as root.
set -euo pipefail
[[ $# -eq 4 ]] || { sed -n '3,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
out=$1
export KBOOT_DEB=$(realpath "$2") BOOTS_DIR=$(realpath "$3") EXTRA_DIR=$(realpath "$4")
for tool in mmdebstrap mkfs.ext4; do
  command -v "$tool" >/dev/null || { echo "build-systemd-host: $tool is missing (Debian: apt-get install mmdebstrap e2fsprogs)" >&2; exit 1; }
done
mkdir -p "$out"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mmdebstrap --quiet --variant=minbase \
  --include=systemd-sysv,udev,kmod,procps,linux-image-amd64,initramfs-tools,default-jre-headless \
  --customize-hook='cp "$KBOOT_DEB" "$1/tmp/kboot.deb" && chroot "$1" apt-get install -y -q /tmp/kboot.deb >/dev/null && rm "$1/tmp/kboot.deb"' \
  --customize-hook='mkdir -p "$1/root/staged" && chroot "$1" sh -c "cd /root/staged && apt-get download -q \$(apt-cache depends linux-image-cloud-amd64 | sed -n \"s/^ *Depends: \(linux-image-.*-cloud-amd64\)\$/\1/p\" | head -n1)" >/dev/null' \
  --customize-hook='mkdir -p "$1/var/log/journal" && echo MODULES=dep > "$1/etc/initramfs-tools/conf.d/kboot-e2e"' \
  --customize-hook='cp -a "$EXTRA_DIR/." "$1/"' \
  --customize-hook='mkdir -p "$1/root/boots" && cp -a "$BOOTS_DIR/." "$1/root/boots/" && chroot "$1" sh -c "kboot install /root/boots/*"' \
  --customize-hook='chroot "$1" systemctl enable kboot-e2e.service >/dev/null 2>&1' \
  --customize-hook='echo kboot-host > "$1/etc/hostname"' \
  bookworm "$root"

cp "$(ls "$root"/boot/vmlinuz-* | head -n1)" "$out/vmlinuz"
cp "$(ls "$root"/boot/initrd.img-* | head -n1)" "$out/initrd.img"
rm -f "$out/root.img"
truncate -s 3G "$out/root.img"
mkfs.ext4 -q -F -L root -d "$root" "$out/root.img"
echo "build-systemd-host: $out/root.img ($(du -sh "$root" | cut -f1) of files)"
