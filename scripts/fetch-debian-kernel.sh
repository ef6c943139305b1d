#!/usr/bin/env bash
#
# fetch-debian-kernel.sh - get Debian's current amd64 kernel image, cached.
#
# Usage:
#   scripts/fetch-debian-kernel.sh VARIANT
#
#   VARIANT  signed    linux-image-<abi>-amd64 (Authenticode-signed by Debian)
#            unsigned  linux-image-<abi>-amd64-unsigned
#            cloud     linux-image-<abi>-cloud-amd64-unsigned (or the signed one if there is no unsigned)
#
# Prints one line: PATH PACKAGE VERSION SHA256, where PATH is the extracted vmlinuz and SHA256 the .deb's.
# Beside boot/ it extracts lib/modules/*/ with the modules test guests load: virtio and 9p (to mount the host's
# root read-only), and Xen's dom0 devices (privcmd, xenfs, evtchn, gntdev, gntalloc).
#
# The ABI name (6.1.0-NN) moves with every Debian kernel update and old ones leave the archive, so it is
# resolved from the meta package every time. Extracted kernels are cached under
# ${KBOOT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kboot}/kernels/<sha256 of the .deb>/; apt-get download checks
# that digest against the signed archive index.
set -euo pipefail

readonly SCRIPT_NAME=${0##*/}
die() { echo "$SCRIPT_NAME: error: $*" >&2; exit 1; }
log() { echo "$SCRIPT_NAME: $*" >&2; }

[[ $# -eq 1 ]] || { sed -n '3,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
variant=$1
case $variant in
    signed | unsigned) meta=linux-image-amd64 ;;
    cloud) meta=linux-image-cloud-amd64 ;;
    *) die "VARIANT must be signed, unsigned or cloud, not '$variant'" ;;
esac
for tool in apt-get apt-cache dpkg-deb tar sha256sum; do
    command -v "$tool" >/dev/null || die "'$tool' not found: this needs Debian's apt tools"
done
cache_dir=${KBOOT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kboot}

abi_package() {
    apt-cache depends "$meta" 2>/dev/null | awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }'
}
abi_pkg=$(abi_package)
if [[ -z $abi_pkg ]]; then
    log "no package lists for $meta; running apt-get update"
    apt-get update -qq >&2 || die "apt-get update failed"
    abi_pkg=$(abi_package)
fi
[[ -n $abi_pkg ]] || die "cannot resolve the kernel package from 'apt-cache depends $meta'"

package=$abi_pkg
if [[ $variant != signed ]] && apt-cache show "$abi_pkg-unsigned" >/dev/null 2>&1; then
    package=$abi_pkg-unsigned
fi
version=$(apt-cache policy "$package" | awk '$1 == "Candidate:" { print $2 }')
[[ -n $version && $version != "(none)" ]] || die "no installable version of $package"
sha256=$(apt-cache show "$package=$version" | awk '$1 == "SHA256:" { print $2; exit }')
[[ $sha256 =~ ^[0-9a-f]{64}$ ]] || die "no SHA256 for $package $version in the package index"

modules=(virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci 9pnet 9pnet_virtio netfs fscache 9p
    xen-privcmd xenfs xen-evtchn xen-gntdev xen-gntalloc)
# Bumped whenever what is extracted changes, so older caches are extracted again.
layout=kboot-extract-2
kernel_dir=$cache_dir/kernels/$sha256
if [[ ! -e $kernel_dir/.$layout ]]; then
    mkdir -p "$cache_dir/kernels"
    work=$(mktemp -d "$cache_dir/kernels/fetch.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    log "downloading $package $version"
    (cd "$work" && apt-get download -q -o APT::Sandbox::User=root "$package=$version" >&2)
    deb=$(compgen -G "$work/*.deb" | head -n1) || die "apt-get download produced no .deb"
    [[ $(sha256sum "$deb" | cut -d' ' -f1) == "$sha256" ]] || die "$deb does not have the index's SHA256 $sha256"
    # Only the kernel image is needed, not the ~400 MB of modules.
    mkdir -p "$work/root"
    patterns=('./boot/vmlinuz-*')
    for module in "${modules[@]}"; do
        patterns+=("./lib/modules/*/$module.ko")
    done
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work/root" --wildcards "${patterns[@]}" 2>/dev/null \
        || dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work/root" --wildcards './boot/vmlinuz-*'
    touch "$work/root/.$layout"
    rm -rf "$kernel_dir"
    mv "$work/root" "$kernel_dir"
fi
kernel=$(compgen -G "$kernel_dir/boot/vmlinuz-*" | head -n1)
echo "$kernel $package $version $sha256"
