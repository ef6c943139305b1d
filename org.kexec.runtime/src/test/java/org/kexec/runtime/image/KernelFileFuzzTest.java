package org.kexec.runtime.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.kexec.runtime.rules.KernelRules;
import org.kexec.runtime.rules.ViolationException;
import org.kexec.runtime.spec.KernelEntry;

/**
 * Fuzzes what a kernel path may name, through both entries: bzImages, Unified Kernel Images (PE sections) and ELF
 * vmlinux files, and the payload a PVH boot decompresses (lz4 and lzo containers, bzip2, zstd, xz, gzip, lzma):
 * hostile files may only be refused with one {@link ViolationException}.
 */
class KernelFileFuzzTest {

    /** Decompressed sizes above this are not tried: each run would allocate them. */
    private static final int MAX_SIZE = 4 << 20;

    @FuzzTest(maxDuration = "15s")
    void kernelFile(@NotNull byte[] bytes) {
        for (KernelEntry entry : KernelEntry.values()) {
            try {
                KernelRules.acceptFile("fuzzed", bytes, entry);
            } catch (ViolationException refused) {
                // the one way out for a bad file
            }
        }
    }

    /** A payload of any bytes behind a valid setup header, its last four bytes the size it promises. */
    @FuzzTest(maxDuration = "15s")
    void payload(@NotNull byte[] payload) {
        if (payload.length < 4 || Integer.toUnsignedLong(ByteBuffer.wrap(payload, payload.length - 4, 4)
                .order(ByteOrder.LITTLE_ENDIAN).getInt()) > MAX_SIZE) {
            return;
        }
        byte[] image = new byte[28 * 512 + payload.length];
        System.arraycopy(BzImages.debian12(28 * 512), 0, image, 0, 28 * 512);
        System.arraycopy(payload, 0, image, 28 * 512, payload.length);
        BzImages.withInt(image, 0x248, 0);
        BzImages.withInt(image, 0x24c, payload.length);
        try {
            KernelPayload.decompress(BzImage.parse(image));
        } catch (ImageFormatException refused) {
            // the one way out for a bad payload
        }
    }
}
