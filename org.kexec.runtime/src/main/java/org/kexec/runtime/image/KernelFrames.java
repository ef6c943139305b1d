package org.kexec.runtime.image;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.lzo.LzoDecompressor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The two containers a kernel's build wraps around compressed blocks that no stream library reads as the kernel writes
 * them: lz4's legacy frame ({@code lz4 -l}: a magic, then blocks of up to 8 MiB each behind its little-endian size) and
 * the lzop file ({@code lzop -9}, method LZO1X-999, which aircompressor's lzop reader refuses though its blocks are
 * plain LZO1X). The blocks themselves are aircompressor's to decode. Read as the kernel's lib/decompress_unlz4.c and
 * lib/decompress_unlzo.c read them, stopping at {@code size} bytes, the size the payload's last four bytes give.
 */
final class KernelFrames {

    private static final int LZ4_LEGACY_MAGIC = 0x184c2102;
    private static final int LZ4_LEGACY_BLOCK = 8 << 20;
    private static final byte[] LZOP_MAGIC = {(byte) 0x89, 'L', 'Z', 'O', 0, '\r', '\n', 0x1a, '\n'};
    private static final int F_ADLER32_D = 0x1;
    private static final int F_ADLER32_C = 0x2;
    private static final int F_H_EXTRA_FIELD = 0x40;
    private static final int F_CRC32_D = 0x100;
    private static final int F_CRC32_C = 0x200;
    private static final int F_H_FILTER = 0x800;

    private KernelFrames() {
    }

    /** The blocks of an lz4 legacy frame, decompressed, up to {@code size} bytes. */
    static byte[] lz4(byte[] bytes, int offset, int length, int size) throws ImageFormatException {
        Reader in = new Reader(bytes, offset, length, ByteOrder.LITTLE_ENDIAN, "lz4");
        if (in.int32() != LZ4_LEGACY_MAGIC) {
            throw new ImageFormatException("payload", "the lz4 stream is not in the legacy frame format (lz4 -l) the kernel uses");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        byte[] block = new byte[LZ4_LEGACY_BLOCK];
        while (out.size() < size) {
            int compressed = in.int32();
            if (compressed == LZ4_LEGACY_MAGIC) {
                continue; // concatenated frames
            }
            int at = in.skip(compressed);
            try {
                out.write(block, 0, new Lz4Decompressor().decompress(bytes, at, compressed, block, 0, block.length));
            } catch (MalformedInputException e) {
                throw new ImageFormatException("payload", "the lz4 block at offset " + (at - offset) + " is damaged: " + e.getMessage());
            }
        }
        return out.toByteArray();
    }

    /** The blocks of an lzop file, decompressed, up to {@code size} bytes. */
    static byte[] lzo(byte[] bytes, int offset, int length, int size) throws ImageFormatException {
        Reader in = new Reader(bytes, offset, length, ByteOrder.BIG_ENDIAN, "lzo");
        for (byte magic : LZOP_MAGIC) {
            if (in.int8() != Byte.toUnsignedInt(magic)) {
                throw new ImageFormatException("payload", "the lzo stream has no lzop header");
            }
        }
        int version = in.int16();
        in.int16(); // library version
        if (version >= 0x0940) {
            in.int16(); // version needed to extract
        }
        in.int8(); // method
        if (version >= 0x0940) {
            in.int8(); // level
        }
        int flags = in.int32();
        if ((flags & F_H_FILTER) != 0) {
            in.int32();
        }
        in.skip(8); // mode, mtime
        if (version >= 0x0940) {
            in.int32(); // mtime, high bits
        }
        in.skip(in.int8()); // file name
        in.int32(); // header checksum
        if ((flags & F_H_EXTRA_FIELD) != 0) {
            in.skip(in.int32() + 4);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        while (out.size() < size) {
            int decompressed = in.int32();
            if (decompressed == 0) {
                break;
            }
            int compressed = in.int32();
            in.skip(((flags & (F_ADLER32_D | F_CRC32_D)) != 0 ? 4 : 0)
                    + (compressed < decompressed && (flags & (F_ADLER32_C | F_CRC32_C)) != 0 ? 4 : 0));
            int at = in.skip(compressed);
            if (compressed == decompressed) {
                out.write(bytes, at, compressed);
                continue;
            }
            byte[] block = new byte[decompressed];
            try {
                int written = new LzoDecompressor().decompress(bytes, at, compressed, block, 0, decompressed);
                out.write(block, 0, written);
            } catch (MalformedInputException e) {
                throw new ImageFormatException("payload", "the lzo block at offset " + (at - offset) + " is damaged: " + e.getMessage());
            }
        }
        return out.toByteArray();
    }

    /** Reads a container's fields, refusing a read past the payload in one line. */
    private static final class Reader {
        private final ByteBuffer buffer;
        private final int start;
        private final int end;
        private final String format;

        Reader(byte[] bytes, int offset, int length, ByteOrder order, String format) {
            this.buffer = ByteBuffer.wrap(bytes).order(order);
            this.buffer.position(offset);
            this.start = offset;
            this.end = offset + length;
            this.format = format;
        }

        /** Skips {@code count} bytes; returns where they start. */
        int skip(int count) throws ImageFormatException {
            int at = buffer.position();
            if (count < 0 || count > end - at) {
                throw new ImageFormatException("payload", "the " + format + " stream ends in the middle of a block: " + count
                        + " bytes at payload offset " + (at - start) + " run past its end");
            }
            buffer.position(at + count);
            return at;
        }

        int int8() throws ImageFormatException {
            return Byte.toUnsignedInt(buffer.get(skip(1)));
        }

        int int16() throws ImageFormatException {
            return Short.toUnsignedInt(buffer.getShort(skip(2)));
        }

        int int32() throws ImageFormatException {
            return buffer.getInt(skip(4));
        }
    }
}
