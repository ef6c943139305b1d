package org.kexec.runtime.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.GZIPInputStream;
import io.airlift.compress.bzip2.BZip2HadoopStreams;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.SingleXZInputStream;

/**
 * The ELF {@code vmlinux} inside a bzImage: its payload ({@code payload_offset}, {@code payload_length} of the setup
 * header) decompressed. The kernel's build appends the decompressed size to every payload (four bytes, little-endian);
 * kboot reads no more than that size, and no more than {@link #MAX_VMLINUX}, so a hostile payload cannot make it
 * allocate without bound. Every format arch/x86/boot/compressed builds: gzip through the JDK, xz and lzma through XZ for
 * Java, bzip2 through aircompressor, lz4 and lzo through aircompressor's block decoders in the containers
 * {@link KernelFrames} reads, zstd through the host's libzstd ({@link HostZstd}).
 */
public final class KernelPayload {

    /** Larger than any vmlinux kboot boots (Debian's: about 60 MiB). */
    public static final int MAX_VMLINUX = 512 << 20;

    private KernelPayload() {
    }

    /** The decompressed payload of {@code image}: an ELF vmlinux, checked with {@link ElfImage#parse}. */
    public static ElfImage vmlinux(BzImage image) throws ImageFormatException {
        return ElfImage.parse(decompress(image));
    }

    /** The payload's bytes, decompressed. */
    public static byte[] decompress(BzImage image) throws ImageFormatException {
        SetupHeader header = image.header();
        long offset = header.protectedModeOffset() + header.payloadOffset();
        long length = header.payloadLength();
        byte[] bytes = image.bytes();
        if (length < 4 || offset > bytes.length || length > bytes.length - offset) {
            throw new ImageFormatException("payload_offset/payload_length", "the payload (" + length + " bytes at file offset 0x"
                    + Long.toHexString(offset) + ") is not inside the file's " + bytes.length + " bytes");
        }
        Compression compression = image.compression();
        if (compression == Compression.NONE) {
            return java.util.Arrays.copyOfRange(bytes, (int) offset, (int) (offset + length));
        }
        long size = Integer.toUnsignedLong(ByteBuffer.wrap(bytes, (int) (offset + length - 4), 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        if (size == 0 || size > MAX_VMLINUX) {
            throw new ImageFormatException("payload", "the decompressed size its last four bytes give, " + size + " bytes, is not"
                    + " between 1 and " + MAX_VMLINUX);
        }
        byte[] vmlinux;
        try {
            vmlinux = switch (compression) {
                case LZ4 -> KernelFrames.lz4(bytes, (int) offset, (int) length - 4, (int) size);
                case LZO -> KernelFrames.lzo(bytes, (int) offset, (int) length - 4, (int) size);
                case ZSTD -> HostZstd.decompress(bytes, (int) offset, (int) length - 4, (int) size);
                default -> {
                    try (InputStream decompressed = stream(compression, new ByteArrayInputStream(bytes, (int) offset, (int) length))) {
                        yield decompressed.readNBytes((int) size);
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            throw new ImageFormatException("payload", "the " + compression.label() + " stream is damaged: " + e.getMessage());
        }
        if (vmlinux.length != size) {
            throw new ImageFormatException("payload", "" + compression.label() + " gave " + vmlinux.length + " bytes, not the "
                    + size + " its last four bytes promise");
        }
        return vmlinux;
    }

    private static InputStream stream(Compression compression, InputStream in) throws IOException, ImageFormatException {
        return switch (compression) {
            case GZIP -> new GZIPInputStream(in);
            case XZ -> new SingleXZInputStream(in);
            case LZMA -> new LZMAInputStream(in);
            case BZIP2 -> new BZip2HadoopStreams().createInputStream(in);
            default -> throw new ImageFormatException("payload", "compressed in an unknown format, which no kernel build"
                    + " writes: the payload is damaged");
        };
    }
}
