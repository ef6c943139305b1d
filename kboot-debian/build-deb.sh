#!/usr/bin/env bash
# Builds kboot's Debian package with dpkg-deb: the tree under src/deb, the runtime jars the generated loaders run on
# (kboot's, and BouncyCastle for signature checks), and jnr-ffi's native stub taken out of the first.
# Usage: build-deb.sh VERSION RUNTIME_JAR BOUNCYCASTLE_JAR OUTPUT_DIR
set -euo pipefail
version="$1" runtime="$2" bouncycastle="$3" output="$4"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v dpkg-deb >/dev/null || { echo "build-deb: dpkg-deb is missing: install dpkg (Debian: apt-get install dpkg)" >&2; exit 1; }

# Debian versions cannot carry Maven's -SNAPSHOT: 0.1.0-SNAPSHOT becomes 0.1.0~snapshot, which sorts before 0.1.0.
deb_version="${version/-SNAPSHOT/~snapshot}"
tree="$(mktemp -d)"
trap 'rm -rf "$tree"' EXIT
cp -a "$here/src/deb/." "$tree/"
install -d -m 0755 "$tree/usr/share/kboot"
install -m 0644 "$runtime" "$tree/usr/share/kboot/kboot-runtime.jar"
install -m 0644 "$bouncycastle" "$tree/usr/share/kboot/kboot-bouncycastle.jar"
stub="$(mktemp -d)"
(cd "$stub" && jar xf "$(realpath "$runtime")" jni/x86_64-Linux/libjffi-1.2.so)
install -m 0644 "$stub/jni/x86_64-Linux/libjffi-1.2.so" "$tree/usr/share/kboot/libjffi-1.2.so"
rm -rf "$stub"
install -m 0644 "$here/../README.md" "$tree/usr/share/doc/kboot/README.md"
chmod 0755 "$tree/usr/sbin/kboot" "$tree/etc/kernel/postinst.d/zz-kboot" "$tree/etc/kernel/postrm.d/zz-kboot" \
  "$tree/usr/lib/kernel/install.d/90-kboot.install" "$tree/DEBIAN/postinst" "$tree/DEBIAN/postrm"
find "$tree" -path "$tree/DEBIAN" -prune -o -type d -exec chmod 0755 {} +
size_kib=$(du -sk --exclude=DEBIAN "$tree" | cut -f1)
sed -i "s/@VERSION@/$deb_version/; s/@INSTALLED_SIZE@/$size_kib/" "$tree/DEBIAN/control"
mkdir -p "$output"
# Fixed times, so the same inputs give the same package.
find "$tree" -exec touch -h -d @0 {} +
SOURCE_DATE_EPOCH=0 dpkg-deb --root-owner-group -Zxz --build "$tree" "$output/kboot_${deb_version}_amd64.deb" >/dev/null
echo "build-deb: $output/kboot_${deb_version}_amd64.deb"
