#!/usr/bin/env bash
#
# fetch-xen.sh - get Debian's Xen 4.17 hypervisor as a bootable ELF, cached.
#
# Usage:
#   scripts/fetch-xen.sh
#
# Prints one line: PATH PACKAGE VERSION SHA256, where PATH is the hypervisor (xen-4.17-amd64.gz decompressed: a
# multiboot ELF QEMU boots with -kernel) and SHA256 the .deb's. Cached under
# ${KBOOT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kboot}/xen/<sha256 of the .deb>/; apt-get download checks that
# digest against the signed archive index.
set -euo pipefail

readonly SCRIPT_NAME=${0##*/}
die() { echo "$SCRIPT_NAME: error: $*" >&2; exit 1; }
log() { echo "$SCRIPT_NAME: $*" >&2; }

[[ $# -eq 0 ]] || { sed -n '3,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
for tool in apt-get apt-cache dpkg-deb tar sha256sum gzip; do
    command -v "$tool" >/dev/null || die "'$tool' not found: this needs Debian's apt tools"
done
cache_dir=${KBOOT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kboot}
package=xen-hypervisor-4.17-amd64

version=$(apt-cache policy "$package" 2>/dev/null | awk '$1 == "Candidate:" { print $2 }')
if [[ -z $version || $version == "(none)" ]]; then
    log "no package lists for $package; running apt-get update"
    apt-get update -qq >&2 || die "apt-get update failed"
    version=$(apt-cache policy "$package" | awk '$1 == "Candidate:" { print $2 }')
fi
[[ -n $version && $version != "(none)" ]] || die "no installable version of $package"
sha256=$(apt-cache show "$package=$version" | awk '$1 == "SHA256:" { print $2; exit }')
[[ $sha256 =~ ^[0-9a-f]{64}$ ]] || die "no SHA256 for $package $version in the package index"

xen_dir=$cache_dir/xen/$sha256
if [[ ! -e $xen_dir/xen.elf ]]; then
    mkdir -p "$cache_dir/xen"
    work=$(mktemp -d "$cache_dir/xen/fetch.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    log "downloading $package $version"
    (cd "$work" && apt-get download -q -o APT::Sandbox::User=root "$package=$version" >&2)
    deb=$(compgen -G "$work/*.deb" | head -n1) || die "apt-get download produced no .deb"
    [[ $(sha256sum "$deb" | cut -d' ' -f1) == "$sha256" ]] || die "$deb does not have the index's SHA256 $sha256"
    mkdir -p "$work/root"
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work/root" --wildcards './boot/xen-*.gz'
    gz=$(compgen -G "$work/root/boot/xen-*.gz" | head -n1) || die "$package has no boot/xen-*.gz"
    mkdir -p "$work/out"
    gzip -dc "$gz" > "$work/out/xen.elf"
    rm -rf "$xen_dir"
    mv "$work/out" "$xen_dir"
fi
echo "$xen_dir/xen.elf $package $version $sha256"
