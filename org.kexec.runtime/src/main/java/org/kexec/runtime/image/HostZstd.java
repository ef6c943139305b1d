package org.kexec.runtime.image;

import java.util.Arrays;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import org.kexec.runtime.backend.KexecException;
import org.kexec.runtime.backend.NativeAccess;

/**
 * zstd payloads, decompressed by the host's libzstd (zstd's reference decoder, installed wherever systemd, apt or kmod
 * is) through jnr-ffi. A kernel's build compresses with {@code zstd -22 --ultra}, whose window reaches 128 MiB;
 * the pure-Java decoders kboot could carry stop at 8 MiB.
 */
final class HostZstd {

    /** The two calls of zstd.h kboot makes, and the error check. */
    public interface LibZstd {
        long ZSTD_decompress(@Out byte[] dst, long dstCapacity, @In byte[] src, long compressedSize);

        int ZSTD_isError(long code);

        String ZSTD_getErrorName(long code);
    }

    private static LibZstd library;

    private HostZstd() {
    }

    /** The frame in {@code bytes[offset, offset + length)}, which must decompress to {@code size} bytes. */
    static byte[] decompress(byte[] bytes, int offset, int length, int size) throws ImageFormatException {
        LibZstd zstd = library();
        byte[] vmlinux = new byte[size];
        long written = zstd.ZSTD_decompress(vmlinux, size, Arrays.copyOfRange(bytes, offset, offset + length), length);
        if (zstd.ZSTD_isError(written) != 0) {
            throw new ImageFormatException("payload", "the zstd stream is damaged: " + zstd.ZSTD_getErrorName(written));
        }
        return written == size ? vmlinux : Arrays.copyOf(vmlinux, (int) written);
    }

    private static synchronized LibZstd library() throws ImageFormatException {
        if (library == null) {
            try {
                NativeAccess.require();
                library = LibraryLoader.create(LibZstd.class).failImmediately().load("zstd");
            } catch (KexecException e) {
                throw new ImageFormatException("payload", "zstd payloads are read with the host's libzstd, but " + e.getMessage());
            } catch (LinkageError | RuntimeException e) {
                throw new ImageFormatException("payload", "zstd payloads are read with the host's libzstd, which is not"
                        + " installed here: install it (Debian: apt-get install libzstd1)");
            }
        }
        return library;
    }
}
