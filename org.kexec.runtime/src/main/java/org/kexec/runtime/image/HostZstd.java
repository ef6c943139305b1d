package org.kexec.runtime.image;

import java.util.Arrays;
import org.kexec.runtime.nativecode.LibZstd;
import org.kexec.runtime.nativecode.NativeAccess;

/**
 * zstd payloads, decompressed by the host's libzstd (zstd's reference decoder, installed wherever systemd, apt or kmod
 * is) through jnr-ffi. A kernel's build compresses with {@code zstd -22 --ultra}, whose window reaches 128 MiB;
 * the pure-Java decoders kboot could carry stop at 8 MiB.
 */
final class HostZstd {

    private HostZstd() {
    }

    /** The frame in {@code bytes[offset, offset + length)}, which must decompress to {@code size} bytes. */
    static byte[] decompress(byte[] bytes, int offset, int length, int size) throws ImageFormatException {
        LibZstd zstd = NativeAccess.load(LibZstd.class, "libzstd.so.1", problem -> new ImageFormatException("payload", "zstd payloads"
                + " are read with the host's libzstd (Debian: apt-get install libzstd1), but " + problem));
        byte[] vmlinux = new byte[size];
        long written = zstd.ZSTD_decompress(vmlinux, size, Arrays.copyOfRange(bytes, offset, offset + length), length);
        if (zstd.ZSTD_isError(written) != 0) {
            throw new ImageFormatException("payload", "the zstd stream is damaged: " + zstd.ZSTD_getErrorName(written));
        }
        return written == size ? vmlinux : Arrays.copyOf(vmlinux, (int) written);
    }
}
