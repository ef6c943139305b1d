#!/usr/bin/env bash
#
# fetch-debian-secure-boot-ca.sh - get the Debian Secure Boot CA certificate, cached.
#
# Usage:
#   scripts/fetch-debian-secure-boot-ca.sh
#
# Prints the path of the certificate (PEM). Debian ships it inside shim: the Microsoft-signed shimx64.efi.signed
# of the shim-signed package carries it in its .vendor_cert section (a header of four little-endian u32s: cert
# size, dbx size, cert offset, dbx offset; then the DER certificate). The certificate is checked against its
# SHA-256 fingerprint below, so a different shim cannot pass another CA off as Debian's.
set -euo pipefail

readonly SCRIPT_NAME=${0##*/}
readonly FINGERPRINT=079646974bce09b1f04da67bd722d1fb0947ae4c4010bccdbba52d5b23cbf1a2
die() { echo "$SCRIPT_NAME: error: $*" >&2; exit 1; }

[[ $# -eq 0 ]] || { sed -n '3,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
for tool in apt-get dpkg-deb objcopy od openssl sha256sum; do
    command -v "$tool" >/dev/null || die "'$tool' not found"
done
cache_dir=${KBOOT_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kboot}
ca=$cache_dir/debian-secure-boot-ca.pem
if [[ ! -s $ca ]]; then
    mkdir -p "$cache_dir"
    work=$(mktemp -d "$cache_dir/shim.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    (cd "$work" && apt-get download -q -o APT::Sandbox::User=root shim-signed >&2) \
        || { apt-get update -qq >&2 && (cd "$work" && apt-get download -q -o APT::Sandbox::User=root shim-signed >&2); } \
        || die "apt-get download shim-signed failed"
    dpkg-deb -x "$work"/shim-signed_*.deb "$work/root"
    shim=$work/root/usr/lib/shim/shimx64.efi.signed
    [[ -f $shim ]] || die "shim-signed has no usr/lib/shim/shimx64.efi.signed"
    objcopy -O binary --only-section=.vendor_cert "$shim" "$work/vendor_cert"
    read -r size _ offset _ < <(od -An -t u4 -N 16 "$work/vendor_cert")
    [[ -n ${size:-} && $size -gt 0 ]] || die "$shim has no vendor certificate"
    tail -c +$((offset + 1)) "$work/vendor_cert" | head -c "$size" > "$work/ca.der"
    actual=$(sha256sum "$work/ca.der" | cut -d' ' -f1)
    [[ $actual == "$FINGERPRINT" ]] || die "shim's vendor certificate has SHA-256 $actual, not Debian's CA $FINGERPRINT"
    openssl x509 -inform DER -in "$work/ca.der" -out "$work/ca.pem"
    mv "$work/ca.pem" "$ca"
fi
echo "$ca"
