package org.kexec.runtime.nativecode;

import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;

/** The calls of zstd.h kboot makes: one-shot decompression into a buffer of the known size, and its error check. */
public interface LibZstd {

    long ZSTD_decompress(@Out byte[] dst, long dstCapacity, @In byte[] src, long compressedSize);

    int ZSTD_isError(long code);

    String ZSTD_getErrorName(long code);
}
